public import Database
public import Domain
public import Foundation

/// The versions of a standard process. A published version is frozen: the statements here only change drafts, and
/// the table's trigger refuses any change to a published row besides.
public enum ProcessVersionRepository {
    /// A version as stored, with the row's own version for `If-Match` on its draft.
    public struct Stored: Sendable {
        public var version: ProcessVersion
        public var revision: Int
        public var updatedAt: Date
    }

    static let conflicts = [
        "process_version_org_id_process_id_number_key": ("number", "another version took this number first; try again"),
        "process_version_draft_idx": ("version", "the process already has a draft; edit it or publish it first"),
    ]

    static let columns: SQLQuery = "v.id, v.process_id, v.number, v.steps, v.notes, v.published_at, v.created_at, v.updated_at, v.version"

    static func decode(_ row: Row) throws -> Stored {
        var r = RowReader(row)
        let id: UUID = try r.next(), process: UUID = try r.next(), number: Int = try r.next()
        let steps: JSON<[ProcessStep]> = try r.next()
        let version = ProcessVersion(
            id: id, processID: process, number: number, steps: steps.value, notes: try r.next(), publishedAt: try r.next(),
            createdAt: try r.next())
        let updatedAt: Date = try r.next()
        return Stored(version: version, revision: try r.next(), updatedAt: updatedAt)
    }

    public static func insert(_ tx: TenantTransaction, _ v: ProcessVersion, by member: UUID) async throws -> Stored {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO process_version AS v (org_id, id, process_id, number, steps, notes, created_by)
                VALUES (\(tx.org), \(v.id), \(v.processID), \(v.number), \(JSON(v.steps)), \(v.notes), \(member))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch { throw DomainError.from(error, conflicts: conflicts) }
    }

    public static func get(_ tx: TenantTransaction, process: UUID, number: Int, lock: Bool = false) async throws -> Stored? {
        try await tx.query(
            """
            SELECT \(columns) FROM process_version v WHERE v.org_id = \(tx.org) AND v.process_id = \(process) AND v.number = \(number)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Stored? {
        try await tx.query("SELECT \(columns) FROM process_version v WHERE v.org_id = \(tx.org) AND v.id = \(id)").first.map(decode)
    }

    /// Versions by id (the ones placements and adoptions name), in one statement.
    public static func get(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: ProcessVersion] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await tx.query("SELECT \(columns) FROM process_version v WHERE v.org_id = \(tx.org) AND v.id = ANY(\(ids))")
        return Dictionary(try rows.map(decode).map { ($0.version.id, $0.version) }, uniquingKeysWith: { a, _ in a })
    }

    /// The process's highest-numbered version (locked: a new draft is numbered after it).
    public static func latest(_ tx: TenantTransaction, process: UUID, publishedOnly: Bool = false, lock: Bool = false) async throws -> Stored? {
        try await tx.query(
            """
            SELECT \(columns) FROM process_version v
            WHERE v.org_id = \(tx.org) AND v.process_id = \(process) AND (NOT \(publishedOnly) OR v.published_at IS NOT NULL)
            ORDER BY v.number DESC LIMIT 1
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// Every version of the process, by number (at most a few dozen in a process's life).
    public static func list(_ tx: TenantTransaction, process: UUID) async throws -> [Stored] {
        try await tx.query(
            "SELECT \(columns) FROM process_version v WHERE v.org_id = \(tx.org) AND v.process_id = \(process) ORDER BY v.number"
        ).map(decode)
    }

    /// Saves a draft's steps and notes — and its publication, when `v` is published — if the row is still a draft
    /// at `revision`; `nil` when it moved on (changed by someone else, or published).
    public static func saveDraft(_ tx: TenantTransaction, _ v: ProcessVersion, revision: Int, by member: UUID) async throws -> Stored? {
        try await tx.query(
            """
            UPDATE process_version AS v SET steps = \(JSON(v.steps)), notes = \(v.notes), published_at = \(v.publishedAt),
                published_by = CASE WHEN \(v.publishedAt)::timestamptz IS NULL THEN NULL ELSE \(member)::uuid END,
                updated_at = banso_now(), version = v.version + 1
            WHERE v.org_id = \(tx.org) AND v.id = \(v.id) AND v.published_at IS NULL AND v.version = \(revision)
            RETURNING \(columns)
            """
        ).first.map(decode)
    }
}
