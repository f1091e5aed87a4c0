public import Database
public import Domain
public import Foundation

/// The versions of an org's health model. Versions are never changed or deleted: a change is a new version, so a
/// score always explains itself by the model it was computed with.
public enum HealthModelRepository {
    /// One stored version with who made it and why.
    public struct Version: Sendable {
        public var model: HealthModel
        public var note: String?
        public var createdBy: UUID?
        public var createdAt: Date
    }

    static let columns: SQLQuery = "version, definition, note, created_by, created_at"

    static func decode(_ row: Row) throws -> Version {
        var r = RowReader(row)
        let version: Int = try r.next()
        let spec = try r.next(JSON<HealthModelSpec>.self).value
        return Version(model: try spec.model(version: version), note: try r.next(), createdBy: try r.next(), createdAt: try r.next())
    }

    /// The newest version; the default model becomes version 1 the first time an org needs one.
    public static func current(_ tx: TenantTransaction) async throws -> Version {
        if let found = try await tx.query(
            "SELECT \(columns) FROM health_model WHERE org_id = \(tx.org) ORDER BY version DESC LIMIT 1"
        ).first {
            return try decode(found)
        }
        _ = try await tx.execute(
            """
            INSERT INTO health_model (org_id, version, definition, note)
            VALUES (\(tx.org), 1, \(JSON(HealthModelSpec(HealthModel.default))), 'default')
            ON CONFLICT (org_id, version) DO NOTHING
            """)
        let rows = try await tx.query("SELECT \(columns) FROM health_model WHERE org_id = \(tx.org) ORDER BY version DESC LIMIT 1")
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, version: Int) async throws -> Version? {
        try await tx.query("SELECT \(columns) FROM health_model WHERE org_id = \(tx.org) AND version = \(version)")
            .first.map(decode)
    }

    /// Every version, newest first (an org has a handful: one per change of its model).
    public static func list(_ tx: TenantTransaction) async throws -> [Version] {
        _ = try await current(tx)
        return try await tx.query("SELECT \(columns) FROM health_model WHERE org_id = \(tx.org) ORDER BY version DESC LIMIT 500")
            .map(decode)
    }

    /// Inserts the next version. Two writers at once: the second waits on the org's model lock and numbers after
    /// the first, so neither is lost.
    public static func insertNext(
        _ tx: TenantTransaction, spec: HealthModelSpec, note: String?, by author: UUID
    ) async throws -> Version {
        _ = try await tx.execute("SELECT pg_advisory_xact_lock(hashtext('health_model'), hashtext(\(tx.org.uuidString)))")
        _ = try await current(tx)
        let rows = try await tx.query(
            """
            SELECT coalesce(max(version), 0) + 1 FROM health_model WHERE org_id = \(tx.org)
            """)
        let version: Int = try rows[0].decode(at: 0)
        let model = try spec.model(version: version)
        let inserted = try await tx.query(
            """
            INSERT INTO health_model (org_id, version, definition, note, created_by)
            VALUES (\(tx.org), \(version), \(JSON(HealthModelSpec(model))), \(note), \(author))
            RETURNING \(columns)
            """)
        return try decode(inserted[0])
    }
}
