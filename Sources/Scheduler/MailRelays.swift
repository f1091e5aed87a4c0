public import Credentials
public import Domain
public import Mail
import Synchronization

/// SMTP clients for orgs' own relays, made once per relay URL: a client holds its TLS context, which is costly to
/// build for every message. A relay is a tenant's choice of where Banso connects, so it is held to the
/// deployment's ``EgressPolicy`` (``tenantConfiguration(url:policy:)``), and every connection goes to the address
/// checked for it.
public final class MailRelays: Sendable {
    private let clients = Mutex<[String: SMTPClient]>([:])
    let egress: EgressPolicy
    /// Opens the stored (sealed) relay URLs.
    let secrets: SecretBox

    public init(egress: EgressPolicy = .strict, secrets: SecretBox) {
        self.egress = egress
        self.secrets = secrets
    }

    func transport(for stored: String) throws(SMTPError) -> any MailTransport {
        let url: String
        do { url = try secrets.open(stored, for: .relayURL) } catch {
            throw SMTPError(code: .invalidConfiguration, message: "the org's relay URL cannot be opened: \(error)")
        }
        if let client = clients.withLock({ $0[url] }) { return client }
        let client = try SMTPClient(configuration: Self.tenantConfiguration(url: url, policy: egress))
        clients.withLock { $0[url] = client }
        return client
    }

    /// Longest a tenant relay may make Banso wait, to connect or for a reply: the `mail` queue is shared by every
    /// org, and a slow relay holds a slot.
    public static let longestWait = Duration.seconds(30)

    /// An org's relay URL read as ``SMTPConfiguration/init(url:)`` does, then held to the policy: SMTP ports only,
    /// TLS required (`security=none` only where private egress is allowed), timeouts of at most 30 s, and every
    /// connection to an address the policy allows.
    public static func tenantConfiguration(url: String, policy: EgressPolicy) throws(SMTPError) -> SMTPConfiguration {
        var configuration = try SMTPConfiguration(url: url)
        func invalid(_ why: String) -> SMTPError { SMTPError(code: .invalidConfiguration, message: why) }
        if !policy.allowsPrivate {
            guard EgressPolicy.smtpPorts.contains(configuration.port) else {
                throw invalid("port \(configuration.port) is not an SMTP port (25, 465, 587 or 2525)")
            }
            guard configuration.security != .none else {
                throw invalid("security=none sends mail and credentials in clear; use starttls or tls")
            }
        }
        // The defaults (10 s to connect, 60 s a reply) are lowered to the cap; a value the URL names must be within it.
        for (name, value) in [("connect_timeout", configuration.connectTimeout), ("command_timeout", configuration.commandTimeout)]
        where value > longestWait && url.contains("\(name)=") {
            throw invalid("\(name) is at most 30 seconds for an org's relay")
        }
        configuration.connectTimeout = min(configuration.connectTimeout, longestWait)
        configuration.commandTimeout = min(configuration.commandTimeout, longestWait)
        configuration.connectAddress = { host throws(SMTPError) in
            do {
                return try await EgressResolver.resolve(host: host, policy: policy).ip
            } catch let refused as EgressRefused {
                throw SMTPError(code: .invalidConfiguration, message: refused.description)
            } catch {
                throw SMTPError(code: .invalidConfiguration, message: "\(error)")
            }
        }
        return configuration
    }
}
