public import Database
public import Domain
public import Foundation

extension MailOutboxRepository {
    /// One message as the mail relay page reports it: to whom, when, and how it went.
    public struct Outcome: Sendable {
        public var toAddress: String
        public var state: State
        public var lastError: String?
        public var createdAt: Date
        public var sentAt: Date?
    }

    /// The org's latest messages of a kind, newest first.
    public static func recent(_ tx: TenantTransaction, kind: OutboundMail.Kind, limit: Int) async throws -> [Outcome] {
        try await tx.query(
            """
            SELECT to_address, state, last_error, created_at, sent_at FROM mail_outbox
            WHERE org_id = \(tx.org) AND kind = \(kind.rawValue) ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """
        ).map { row in
            let (to, state, error, created, sent) = try row.decode((String, String, String?, Date, Date?).self)
            return Outcome(toAddress: to, state: State(rawValue: state) ?? .queued, lastError: error, createdAt: created, sentAt: sent)
        }
    }
}
