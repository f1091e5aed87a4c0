public import Database
public import Domain
public import Foundation

/// A client party's single-use link to agree a goal sheet, as stored: never its token, only the token's SHA-256.
public struct GoalSheetLinkRecord: Sendable, Equatable {
    public var id: UUID
    public var enrolmentID: UUID
    public var party: GoalSheetParty
    public var contactID: UUID
    /// The sheet version the link was issued for: a later edit makes it stale.
    public var sheetVersion: Int
    public var expiresAt: Date
    public var usedAt: Date?
    public var createdAt: Date
}

/// Where a link token points, found by system work before the org is known.
public struct GoalSheetLinkTarget: Sendable, Equatable {
    public var orgID: UUID
    public var id: UUID
}

public enum GoalSheetLinkRepository {
    static let columns: SQLQuery = "l.id, l.enrolment_id, l.party, l.contact_id, l.sheet_version, l.expires_at, l.used_at, l.created_at"

    static func decode(_ row: Row) throws -> GoalSheetLinkRecord {
        var r = RowReader(row)
        return GoalSheetLinkRecord(
            id: try r.next(), enrolmentID: try r.next(), party: try r.next(), contactID: try r.next(), sheetVersion: try r.next(),
            expiresAt: try r.next(), usedAt: try r.next(), createdAt: try r.next())
    }

    public static func insert(
        _ tx: TenantTransaction, id: UUID, tokenHash: [UInt8], enrolment: UUID, party: GoalSheetParty, contact: UUID,
        sheetVersion: Int, expiresAt: Date, by: UUID
    ) async throws -> GoalSheetLinkRecord {
        let rows = try await tx.query(
            """
            INSERT INTO goal_sheet_link AS l (org_id, id, token_hash, enrolment_id, party, contact_id, sheet_version, expires_at, created_by)
            VALUES (\(tx.org), \(id), \(tokenHash), \(enrolment), \(party), \(contact), \(sheetVersion), \(expiresAt), \(by))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// The link, locked until the transaction ends, so two submissions of one link cannot both count.
    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> GoalSheetLinkRecord? {
        try await tx.query(
            """
            SELECT \(columns) FROM goal_sheet_link l WHERE l.org_id = \(tx.org) AND l.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    public static func markUsed(_ tx: TenantTransaction, id: UUID) async throws {
        try await tx.execute("UPDATE goal_sheet_link SET used_at = banso_now() WHERE org_id = \(tx.org) AND id = \(id) AND used_at IS NULL")
    }

    /// Inside system work: the org and id of a link, from its token's hash. Nothing else.
    public static func resolve(_ tx: some QueryRunner, tokenHash: [UInt8]) async throws -> GoalSheetLinkTarget? {
        guard let row = try await tx.query("SELECT org_id, id FROM goal_sheet_link WHERE token_hash = \(tokenHash)").first
        else { return nil }
        let (org, id) = try row.decode((UUID, UUID).self)
        return GoalSheetLinkTarget(orgID: org, id: id)
    }
}
