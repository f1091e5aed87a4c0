import Mail
import Synchronization

/// SMTP clients for orgs' own relays, made once per relay URL: a client holds its TLS context, which is costly to
/// build for every message.
public final class MailRelays: Sendable {
    private let clients = Mutex<[String: SMTPClient]>([:])

    public init() {}

    func transport(for url: String) throws(SMTPError) -> any MailTransport {
        if let client = clients.withLock({ $0[url] }) { return client }
        let client = try SMTPClient(configuration: SMTPConfiguration(url: url))
        clients.withLock { $0[url] = client }
        return client
    }
}
