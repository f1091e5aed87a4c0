import Foundation
public import NIOSSL

/// Where and how ``SMTPClient`` delivers: the relay, its TLS mode and credentials, and timeouts.
///
/// Usually read from a URL (`BANSO_SMTP_URL`), see ``init(url:)``.
public struct SMTPConfiguration: Sendable, CustomStringConvertible {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain text throughout: only for a relay on the same machine or a trusted network.
        case none
        /// STARTTLS (RFC 3207), and fail if the server does not offer it. The usual mode on port 587.
        case startTLS = "starttls"
        /// STARTTLS when the server offers it, plain text otherwise. Opportunistic: an attacker in the path can
        /// strip the offer, so credentials are still refused without TLS unless explicitly allowed.
        case startTLSIfAvailable = "starttls-if-available"
        /// TLS from the first byte (SMTPS, RFC 8314), usually port 465.
        case tls
    }

    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        public var description: String { "Credentials(username: \(username), password: <redacted>)" }
    }

    public var host: String
    public var port: Int
    public var security: Security
    /// AUTH PLAIN (or LOGIN) with these after EHLO; none means no AUTH.
    public var credentials: Credentials?
    /// Allow sending credentials over a connection without TLS. Off by default: AUTH PLAIN and LOGIN carry the
    /// password merely base64-encoded, readable by anyone on the path. Turn it on only for a relay reached
    /// without crossing a network (a loopback test server, a local relay).
    public var allowsPlaintextAuthentication: Bool
    /// The name sent with EHLO; by default the machine's host name when it is fully qualified, otherwise the
    /// connection's local address as an address literal (`[192.0.2.10]`), as RFC 5321 §4.1.4 asks.
    public var heloName: String?
    public var connectTimeout: Duration
    /// How long to wait for each reply, including the greeting and the reply to the message's final dot.
    public var commandTimeout: Duration
    /// The TLS settings for STARTTLS and SMTPS. Nil: the system's trust roots and full verification of the
    /// host name. Tests set their own CA here (`trustRoots`), or turn verification off.
    public var tlsConfiguration: TLSConfiguration?
    /// The IP address to connect to instead of resolving ``host``, asked at every connection: for relays a tenant
    /// configured, the caller resolves and checks the host against its egress policy and the connection goes to
    /// exactly the address it checked. TLS and EHLO still use ``host``. A refusal should be an
    /// `invalidConfiguration` error, which is permanent.
    public var connectAddress: (@Sendable (_ host: String) async throws(SMTPError) -> String)?

    public init(
        host: String, port: Int? = nil, security: Security = .startTLS, credentials: Credentials? = nil,
        allowsPlaintextAuthentication: Bool = false, heloName: String? = nil, connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(60), tlsConfiguration: TLSConfiguration? = nil
    ) {
        self.host = host
        self.port = port ?? Self.defaultPort(for: security)
        self.security = security
        self.credentials = credentials
        self.allowsPlaintextAuthentication = allowsPlaintextAuthentication
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.tlsConfiguration = tlsConfiguration
    }

    /// 465 for SMTPS, 25 for plain SMTP, 587 (submission) for STARTTLS.
    static func defaultPort(for security: Security) -> Int {
        switch security {
        case .tls: 465
        case .none: 25
        case .startTLS, .startTLSIfAvailable: 587
        }
    }

    /// Reads `smtp://[user[:password]@]host[:port][?options]` or `smtps://…`.
    ///
    /// User and password are percent-decoded (write `@` as `%40`). `smtps` means implicit TLS; `smtp` means
    /// STARTTLS, required, unless `security` says otherwise. Options, all optional:
    /// - `security`: `none`, `starttls`, `starttls-if-available` or `tls`;
    /// - `allow_plaintext_auth`: `true` to send credentials without TLS (see ``allowsPlaintextAuthentication``);
    /// - `helo`: the EHLO name;
    /// - `connect_timeout`, `command_timeout`: seconds.
    ///
    /// Anything else — an unknown option, a bad value — is an error naming it, so a typo does not silently weaken
    /// the connection.
    public init(url: String) throws(SMTPError) {
        func invalid(_ why: String) -> SMTPError { SMTPError(code: .invalidConfiguration, message: why) }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw invalid("not a URL")
        }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLS
        case "smtps": security = .tls
        default: throw invalid("the scheme must be smtp or smtps, not \(scheme)")
        }
        var host = components.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw invalid("no host") }
        if let port = components.port, !(1...65535).contains(port) { throw invalid("port \(port) out of range") }

        var credentials: Credentials?
        if let user = components.user, !user.isEmpty {
            credentials = Credentials(username: user, password: components.password ?? "")
        }
        var allowsPlaintextAuthentication = false
        var heloName: String?
        var connectTimeout = Duration.seconds(10), commandTimeout = Duration.seconds(60)

        func seconds(_ name: String, _ value: String) throws(SMTPError) -> Duration {
            guard let number = Double(value), number > 0, number <= 3600 else {
                throw invalid("\(name) must be a number of seconds (0–3600], not \(value)")
            }
            return .milliseconds(Int64(number * 1000))
        }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "security":
                guard let parsed = Security(rawValue: value.lowercased()) else {
                    throw invalid("security must be one of none, starttls, starttls-if-available, tls; not \(value)")
                }
                guard scheme == "smtp" || parsed == .tls else { throw invalid("smtps means security=tls") }
                security = parsed
            case "allow_plaintext_auth":
                guard let flag = Bool(value.lowercased()) else { throw invalid("allow_plaintext_auth must be true or false") }
                allowsPlaintextAuthentication = flag
            case "helo":
                guard Self.isValidHELOName(value) else { throw invalid("helo must be a host name or address literal") }
                heloName = value
            case "connect_timeout":
                connectTimeout = try seconds(item.name, value)
            case "command_timeout":
                commandTimeout = try seconds(item.name, value)
            default:
                throw invalid("unknown option \(item.name)")
            }
        }
        self.init(
            host: host, port: components.port, security: security, credentials: credentials,
            allowsPlaintextAuthentication: allowsPlaintextAuthentication, heloName: heloName,
            connectTimeout: connectTimeout, commandTimeout: commandTimeout)
    }

    /// Printable ASCII without spaces: something that cannot break the EHLO line.
    static func isValidHELOName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && name.utf8.allSatisfy { (33...126).contains($0) }
    }

    public var description: String {
        var parts = ["SMTPConfiguration(host: \(host)", "port: \(port)", "security: \(security.rawValue)"]
        if let credentials { parts.append("username: \(credentials.username)") }
        if allowsPlaintextAuthentication { parts.append("allowsPlaintextAuthentication") }
        return parts.joined(separator: ", ") + ")"
    }
}
