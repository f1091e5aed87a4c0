public import Database
public import Domain
public import Foundation

/// Whether Banso may mail a customer's contact: not after they opted out through a mail's link (特定電子メール法),
/// not to an address that bounced for good, never to an erased contact or one without an address.
public enum ContactMailStateRepository {
    public struct State: Sendable, Equatable {
        public var contactID: UUID
        public var optedOutAt: Date?
        public var bouncedAt: Date?
        public var bounceReason: String?

        public init(contactID: UUID, optedOutAt: Date? = nil, bouncedAt: Date? = nil, bounceReason: String? = nil) {
            (self.contactID, self.optedOutAt, self.bouncedAt, self.bounceReason) = (contactID, optedOutAt, bouncedAt, bounceReason)
        }
    }

    public static func get(_ tx: TenantTransaction, contact: UUID) async throws -> State {
        guard let row = try await tx.query(
            "SELECT opted_out_at, bounced_at, bounce_reason FROM contact_mail_state WHERE org_id = \(tx.org) AND contact_id = \(contact)"
        ).first else { return State(contactID: contact) }
        let (opted, bounced, reason) = try row.decode((Date?, Date?, String?).self)
        return State(contactID: contact, optedOutAt: opted, bouncedAt: bounced, bounceReason: reason)
    }

    /// Opts the contact out; false when they already were (the first opt-out's time is kept).
    public static func optOut(_ tx: TenantTransaction, contact: UUID) async throws -> Bool {
        try await !tx.query(
            """
            INSERT INTO contact_mail_state AS m (org_id, contact_id, opted_out_at) VALUES (\(tx.org), \(contact), banso_now())
            ON CONFLICT (org_id, contact_id) DO UPDATE SET opted_out_at = banso_now(), updated_at = banso_now()
                WHERE m.opted_out_at IS NULL
            RETURNING contact_id
            """
        ).isEmpty
    }

    /// Records a bounce of `email`; a hard one marks every contact of the org with that address (case-insensitive)
    /// bounced. Answers the contacts marked.
    public static func recordBounce(
        _ tx: TenantTransaction, id: UUID, email: String, hard: Bool, reason: String?, by member: UUID?
    ) async throws -> [UUID] {
        var marked: [UUID] = []
        if hard {
            marked = try await tx.query(
                """
                INSERT INTO contact_mail_state AS m (org_id, contact_id, bounced_at, bounce_reason)
                SELECT org_id, id, banso_now(), \(reason) FROM contact
                WHERE org_id = \(tx.org) AND lower(email) = lower(\(email))
                ON CONFLICT (org_id, contact_id) DO UPDATE SET bounced_at = coalesce(m.bounced_at, banso_now()),
                    bounce_reason = excluded.bounce_reason, updated_at = banso_now()
                RETURNING contact_id
                """
            ).decodeColumn(UUID.self)
        }
        try await tx.execute(
            """
            INSERT INTO mail_bounce (org_id, id, email, kind, reason, contacts, recorded_by)
            VALUES (\(tx.org), \(id), \(email), \(hard ? "hard" : "soft"), \(reason), \(marked.count), \(member))
            """)
        return marked
    }

    /// A contact that may be mailed, with what the mail needs.
    public struct Recipient: Sendable, Equatable {
        public var customerID: UUID
        public var contactID: UUID
        public var name: String
        public var email: String
    }

    /// The contacts of `customers` that may be mailed, chosen by `rule` (``SurveyRecipients``): per customer the
    /// decision maker first, then the earliest-added other contact; or all of them.
    public static func recipients(_ tx: TenantTransaction, customers: [UUID], rule: SurveyRecipients, only contact: UUID? = nil) async throws
        -> [Recipient]
    {
        guard !customers.isEmpty else { return [] }
        let rows = try await tx.query(
            """
            SELECT \(rule == .decisionMakerFirst ? "DISTINCT ON (k.customer_id)" as SQLQuery : "") k.customer_id, k.id, k.name, k.email
            FROM contact k LEFT JOIN contact_mail_state m ON m.org_id = k.org_id AND m.contact_id = k.id
            WHERE k.org_id = \(tx.org) AND k.customer_id = ANY(\(customers)) AND (\(contact)::uuid IS NULL OR k.id = \(contact))
              AND k.erased_at IS NULL AND k.email IS NOT NULL AND btrim(k.email) <> ''
              AND m.opted_out_at IS NULL AND m.bounced_at IS NULL
            ORDER BY k.customer_id, k.decision_maker DESC, k.created_at, k.id
            """)
        return try rows.map { row in
            let (customer, id, name, email) = try row.decode((UUID, UUID, String, String).self)
            return Recipient(customerID: customer, contactID: id, name: name, email: email)
        }
    }
}
