public import Database
public import Domain
public import Foundation

/// A customer's contacts. Erasure blanks the personal fields in place and anonymises what hangs off the contact
/// (its NPS answers' respondent and comment) in the same transaction.
public enum ContactRepository {
    static let columns: SQLQuery = """
        id, customer_id, external_id, name, email, phone, role, decision_maker, erased_at, created_at, updated_at, version
        """

    static func decode(_ row: Row) throws -> Contact {
        var r = RowReader(row)
        return Contact(
            id: try r.next(), customerID: try r.next(), externalID: try r.next(), name: try r.next(), email: try r.next(),
            phone: try r.next(), role: try r.next(), decisionMaker: try r.next(), erasedAt: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ c: Contact) async throws -> Contact {
        let rows = try await tx.query(
            """
            INSERT INTO contact (org_id, id, customer_id, external_id, name, email, phone, role, decision_maker)
            VALUES (\(tx.org), \(c.id), \(c.customerID), \(c.externalID), \(c.name), \(c.email), \(c.phone), \(c.role),
                \(c.decisionMaker))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> Contact? {
        let locking: SQLQuery = lock ? "FOR UPDATE" : ""
        return try await tx.query("SELECT \(columns) FROM contact WHERE org_id = \(tx.org) AND id = \(id) \(locking)")
            .first.map(decode)
    }

    public static func update(_ tx: TenantTransaction, _ c: Contact) async throws -> Contact {
        let rows = try await tx.query(
            """
            UPDATE contact SET external_id = \(c.externalID), name = \(c.name), email = \(c.email), phone = \(c.phone),
                role = \(c.role), decision_maker = \(c.decisionMaker), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(c.id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Contacts' names by id in one statement; an erased contact's is `nil` (the page says it was erased).
    public static func names(_ tx: TenantTransaction, _ ids: [UUID]) async throws -> [UUID: String?] {
        let wanted = Array(Set(ids))
        guard !wanted.isEmpty else { return [:] }
        var names: [UUID: String?] = [:]
        for row in try await tx.query(
            "SELECT id, CASE WHEN erased_at IS NULL THEN name END FROM contact WHERE org_id = \(tx.org) AND id = ANY(\(wanted))")
        {
            let (id, name) = try row.decode((UUID, String?).self)
            names[id] = name
        }
        return names
    }

    /// A customer's contacts in id order (decision makers are flagged, erased ones kept and marked).
    public static func list(_ tx: TenantTransaction, customer: UUID, after cursor: UUID?, limit: Int) async throws -> Page<Contact> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM contact
            WHERE org_id = \(tx.org) AND customer_id = \(customer)
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// The contact holding `externalID`, other than `except`.
    public static func holder(_ tx: TenantTransaction, externalID: String, except: UUID?) async throws -> UUID? {
        try await tx.query(
            """
            SELECT id FROM contact WHERE org_id = \(tx.org) AND external_id = \(externalID)
              AND (\(except)::uuid IS NULL OR id <> \(except))
            """
        ).first.map { try $0.decode(UUID.self, at: 0) }
    }

    /// Erases the person: name becomes the placeholder, email, phone and role go, the decision-maker flag is
    /// cleared; their NPS answers lose respondent and comment (the score and date stay, so NPS is unchanged).
    /// Returns the erased contact and how many answers were anonymised.
    public static func erase(_ tx: TenantTransaction, id: UUID) async throws -> (Contact, anonymisedAnswers: Int) {
        let rows = try await tx.query(
            """
            UPDATE contact SET name = \(Contact.erasedName), email = NULL, phone = NULL, role = NULL, decision_maker = false,
                erased_at = banso_now(), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        let answers = try await tx.execute(
            """
            UPDATE nps_response SET respondent = NULL, comment = NULL
            WHERE org_id = \(tx.org) AND contact_id = \(id) AND (respondent IS NOT NULL OR comment IS NOT NULL)
            """)
        // What the contact wrote in their own words in a check-up or survey is theirs too; their scale and choice
        // answers stay (they carry nothing of the person) so response rates and health keep their history.
        let written = try await tx.execute(
            """
            UPDATE survey_send s SET answers = (
                SELECT coalesce(jsonb_agg(a ORDER BY n), '[]'::jsonb) FROM jsonb_array_elements(s.answers) WITH ORDINALITY AS e(a, n)
                WHERE NOT (a->'value' ? 'text'))
            WHERE s.org_id = \(tx.org) AND s.contact_id = \(id) AND s.answers IS NOT NULL
              AND EXISTS (SELECT 1 FROM jsonb_array_elements(s.answers) a WHERE a->'value' ? 'text')
            """)
        return (try decode(rows[0]), answers + written)
    }
}
