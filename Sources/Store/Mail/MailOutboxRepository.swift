public import Database
public import Domain
public import Foundation

/// Outgoing e-mail: each row is sent by one `mail.send` job queued with it, in the same transaction.
public enum MailOutboxRepository {
    public static let jobKind = "mail.send"
    public static let queue = "mail"

    public enum State: String, Sendable {
        case queued, sent, failed, skipped
    }

    public struct Entry: Sendable {
        public var id: UUID
        public var kind: OutboundMail.Kind
        public var toAddress: String
        public var toName: String?
        public var locale: Organization.Locale
        public var subject: String
        /// Nil for a notification not yet rendered (it is rendered when sent) and for secret mail once sent.
        public var text: String?
        public var html: String?
        public var notificationID: UUID?
        /// RFC 2369 `List-Unsubscribe`'s page, forgotten with the body.
        public var listUnsubscribe: String?
        public var state: State
        public var attempts: Int
    }

    /// Queues rendered mail; returns its id.
    @discardableResult
    public static func enqueue(_ tx: TenantTransaction, _ mail: OutboundMail, now: Date? = nil) async throws -> UUID {
        try await insert(
            tx, kind: mail.kind, to: mail.toAddress, name: mail.toName, locale: mail.locale, subject: mail.subject,
            text: mail.text, html: mail.html, notification: nil, listUnsubscribe: mail.listUnsubscribe, now: now)
    }

    /// Queues the e-mail of a delivered notification; it is rendered when sent (with the deployment's links).
    @discardableResult
    public static func enqueue(
        _ tx: TenantTransaction, notification: UUID, subject: String, to address: String, name: String?,
        locale: Organization.Locale, now: Date? = nil
    ) async throws -> UUID {
        try await insert(
            tx, kind: .notification, to: address, name: name, locale: locale, subject: subject, text: nil, html: nil,
            notification: notification, now: now)
    }

    static func insert(
        _ tx: TenantTransaction, kind: OutboundMail.Kind, to address: String, name: String?, locale: Organization.Locale,
        subject: String, text: String?, html: String?, notification: UUID?, listUnsubscribe: String? = nil, now: Date?
    ) async throws -> UUID {
        let id = UUID.v7()
        try await tx.execute(
            """
            INSERT INTO mail_outbox (org_id, id, kind, to_address, to_name, locale, subject, text_body, html_body, notification_id,
                list_unsubscribe, created_at)
            VALUES (\(tx.org), \(id), \(kind.rawValue), \(address), \(name), \(locale.rawValue), \(subject), \(text), \(html),
                \(notification), \(listUnsubscribe), coalesce(\(now)::timestamptz, banso_now()))
            """)
        let key = id.uuidString.lowercased()
        _ = try await JobRepository.enqueue(
            tx,
            NewJob(kind: jobKind, payload: #"{"mail_id":"\#(key)"}"#, orgID: tx.org, queue: queue, maxAttempts: 8, uniqueKey: "mail:\(key)"),
            now: now)
        return id
    }

    /// The entry, locked for its sender.
    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Entry? {
        try await tx.query(
            """
            SELECT id, kind, to_address, to_name, locale, subject, text_body, html_body, notification_id, state, attempts,
                list_unsubscribe
            FROM mail_outbox WHERE org_id = \(tx.org) AND id = \(id) FOR UPDATE
            """
        ).first.map { row in
            var r = RowReader(row)
            let id: UUID = try r.next(), kind: String = try r.next(), to: String = try r.next(), name: String? = try r.next()
            let locale: String = try r.next(), subject: String = try r.next(), text: String? = try r.next(), html: String? = try r.next()
            let notification: UUID? = try r.next(), state: String = try r.next(), attempts: Int = try r.next()
            let unsubscribe: String? = try r.next()
            return Entry(
                id: id, kind: OutboundMail.Kind(rawValue: kind) ?? .notification, toAddress: to, toName: name,
                locale: Organization.Locale(rawValue: locale) ?? .ja, subject: subject, text: text, html: html, notificationID: notification,
                listUnsubscribe: unsubscribe, state: State(rawValue: state) ?? .queued, attempts: attempts)
        }
    }

    /// Sent: mail carrying a secret link forgets its body (and its unsubscribe link, which holds the same token).
    public static func markSent(_ tx: TenantTransaction, id: UUID, at instant: Date?) async throws {
        try await tx.execute(
            """
            UPDATE mail_outbox SET state = 'sent', sent_at = coalesce(\(instant)::timestamptz, banso_now()), attempts = attempts + 1,
                last_error = NULL,
                text_body = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE text_body END,
                html_body = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE html_body END,
                list_unsubscribe = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE list_unsubscribe END
            WHERE org_id = \(tx.org) AND id = \(id)
            """)
    }

    /// A failed attempt; `final` when it will not be tried again (a permanent refusal, or the last attempt).
    public static func markFailed(_ tx: TenantTransaction, id: UUID, error: String, final: Bool) async throws {
        try await tx.execute(
            """
            UPDATE mail_outbox SET attempts = attempts + 1, last_error = \(error),
                state = CASE WHEN \(final) THEN 'failed' ELSE state END,
                text_body = CASE WHEN \(final) AND kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE text_body END,
                html_body = CASE WHEN \(final) AND kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE html_body END,
                list_unsubscribe = CASE WHEN \(final) AND kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE list_unsubscribe END
            WHERE org_id = \(tx.org) AND id = \(id)
            """)
    }

    /// Not sent and never will be (no mail transport configured, or the reader left): recorded with why. A secret
    /// link is forgotten here too, as when sent or finally failed.
    public static func markSkipped(_ tx: TenantTransaction, id: UUID, reason: String) async throws {
        try await tx.execute(
            """
            UPDATE mail_outbox SET state = 'skipped', last_error = \(reason),
                text_body = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE text_body END,
                html_body = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE html_body END,
                list_unsubscribe = CASE WHEN kind IN ('invitation', 'password_reset', 'survey') THEN NULL ELSE list_unsubscribe END
            WHERE org_id = \(tx.org) AND id = \(id)
            """)
    }

    /// How many mails of `kind` the org queued in the last `seconds`.
    public static func count(_ tx: TenantTransaction, kind: OutboundMail.Kind, withinSeconds seconds: Double) async throws -> Int {
        try await tx.query(
            """
            SELECT count(*) FROM mail_outbox
            WHERE org_id = \(tx.org) AND kind = \(kind.rawValue) AND created_at > banso_now() - make_interval(secs => \(seconds))
            """
        ).scalar(Int.self) ?? 0
    }

    /// Stores the rendering of a notification's mail (kept as the record of what was sent).
    public static func setBody(_ tx: TenantTransaction, id: UUID, text: String, html: String?) async throws {
        try await tx.execute("UPDATE mail_outbox SET text_body = \(text), html_body = \(html) WHERE org_id = \(tx.org) AND id = \(id)")
    }
}
