import Database
public import Domain
public import Foundation
import Logging
public import Mail
public import Store

/// What sends mail: the SMTP client in production; anything that speaks the same contract in a test.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws(SMTPError)
}

extension SMTPClient: MailTransport {}

/// How this deployment sends mail.
public struct MailSettings: Sendable {
    public var from: MailAddress
    /// The address people open Banso at, for links in mail.
    public var publicURL: String
    /// The deployment's relay. Nil: mail of orgs without their own relay is recorded as skipped.
    public var transport: (any MailTransport)?
    /// Clients for orgs' own relays (`/v1/org/mail-relay`).
    public var relays: MailRelays

    public init(from: MailAddress, publicURL: String, transport: (any MailTransport)?, relays: MailRelays) {
        self.from = from
        self.publicURL = publicURL
        self.transport = transport
        self.relays = relays
    }
}

/// Sends the outbox (DESIGN §5): one `mail.send` job per message. The row is read and rendered in one short
/// transaction, the message goes out with no transaction open, and the outcome is written in another: a refusal
/// (5xx, a bad address) is final, anything transient is retried by the job with backoff.
public enum MailDelivery {
    /// The headers that let a mail client offer its own unsubscribe button for mail to customer contacts (RFC 2369),
    /// and — when the page is HTTPS, as RFC 8058 requires — unsubscribe in one click: the receiver POSTs
    /// `List-Unsubscribe=One-Click` to the page, which opts the contact out without a further step (Gmail and Yahoo
    /// expect it of bulk senders). The page's POST asks for nothing more, and a request from a mail server carries
    /// no browser origin, so the cross-origin guard lets it through.
    public static func unsubscribeHeaders(_ page: String) throws -> [MailHeader] {
        var headers = [try MailHeader("List-Unsubscribe", "<\(page)>")]
        if page.lowercased().hasPrefix("https://") { headers.append(try MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")) }
        return headers
    }

    struct Payload: Decodable {
        var mailId: UUID
        enum CodingKeys: String, CodingKey { case mailId = "mail_id" }
    }

    public enum Outcome: String, Sendable {
        case sent, failed, skipped, alreadyDone
    }

    @discardableResult
    public static func send(_ context: JobContext, settings: MailSettings) async throws -> Outcome {
        guard let org = context.job.orgID else { return .skipped }
        let id = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8)).mailId
        // Phase 1: what to send.
        let prepared: (MailMessage, any MailTransport)? = try await context.store.tenant(org) { tx in
            guard var entry = try await MailOutboxRepository.get(tx, id: id), entry.state == .queued else { return nil }
            // A notification's mail: its notice, read once — rendered on the first attempt, and its kind decides the relay.
            var notice: NotificationRepository.Item?
            if let notificationID = entry.notificationID {
                notice = try await NotificationRepository.get(tx, id: notificationID)?.item
            }
            if entry.text == nil, entry.notificationID != nil {
                guard let item = notice else {
                    try await MailOutboxRepository.markSkipped(tx, id: id, reason: "the notification is gone")
                    return nil
                }
                let mail = MailTemplates.notification(
                    title: item.title, body: item.body, to: entry.toAddress, name: entry.toName, locale: entry.locale,
                    publicURL: settings.publicURL)
                (entry.text, entry.html) = (mail.text, mail.html)
                try await MailOutboxRepository.setBody(tx, id: id, text: mail.text, html: mail.html)
            }
            // The org's own relay and sender if it has one, else the deployment's. Mail carrying a secret link
            // (invitation, password reset) goes only through the deployment's relay: an org relay is set by someone
            // who could otherwise read the links of people above them.
            var transport = settings.transport
            var from = settings.from
            // The relay-changed alert likewise: it must not travel through the relay it warns about.
            let deploymentOnly = entry.kind.carriesSecret || notice?.kind == NotificationMessage.Kind.mailRelayChanged.rawValue
            if deploymentOnly {
                guard transport != nil else {
                    try await MailOutboxRepository.markSkipped(
                        tx, id: id, reason: "mail with a secret link or a security alert goes only through the deployment's relay (BANSO_SMTP_URL)")
                    return nil
                }
            } else if let relay = try await OrgMailRelayRepository.get(tx) {
                do {
                    transport = try settings.relays.transport(for: relay.smtpURL)
                    if let address = relay.fromAddress { from = try MailAddress(address, displayName: relay.fromName) }
                } catch {
                    try await MailOutboxRepository.markFailed(tx, id: id, error: "the org's mail relay: \(error)", final: true)
                    return nil
                }
            }
            guard let transport else {
                try await MailOutboxRepository.markSkipped(tx, id: id, reason: "no mail relay is configured (BANSO_SMTP_URL)")
                return nil
            }
            do {
                var headers = [try MailHeader("X-Banso-Mail", entry.kind.rawValue)]
                if let page = entry.listUnsubscribe { headers += try Self.unsubscribeHeaders(page) }
                let message = try MailMessage(
                    from: from, to: [MailAddress(entry.toAddress, displayName: entry.toName)], subject: entry.subject,
                    text: entry.text ?? "", html: entry.html,
                    headers: headers,
                    date: context.now ?? context.store.now,
                    // Stable across retries, so a receiver can recognise a message sent twice.
                    messageID: "<\(id.uuidString.lowercased())@\(from.domain)>")
                return (message, transport)
            } catch {
                try await MailOutboxRepository.markFailed(tx, id: id, error: "\(error)", final: true)
                return nil
            }
        }
        guard let (message, transport) = prepared else { return .alreadyDone }
        // Phase 2: the network, with no transaction open.
        do {
            try await transport.send(message)
        } catch {
            let final = !error.isTransient || context.job.attempt >= context.job.maxAttempts
            try await context.store.tenant(org) { tx in
                try await MailOutboxRepository.markFailed(tx, id: id, error: error.description, final: final)
            }
            context.logger.warning("mail not sent", metadata: ["mail_id": "\(id)", "error": "\(error)", "final": "\(final)"])
            if final { return .failed }
            throw error
        }
        // Phase 3: the record.
        try await context.store.tenant(org) { tx in try await MailOutboxRepository.markSent(tx, id: id, at: context.now) }
        return .sent
    }

    public static func handlers(_ settings: MailSettings) -> [String: JobHandler] {
        [MailOutboxRepository.jobKind: { context in _ = try await send(context, settings: settings) }]
    }
}
