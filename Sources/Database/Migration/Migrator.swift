/// Applies migrations in order, each in its own transaction, recording each with a checksum in
/// `schema_migrations`. A session advisory lock keeps two instances (two pods starting together) from racing; the
/// second waits, then finds nothing left to do. An applied migration whose file changed is refused: the database
/// would no longer match what the files say.
public struct Migrator: Sendable {
    public let database: Database
    public let migrations: [Migration]

    /// An arbitrary constant: the advisory-lock key for migrations ("banso" in ASCII).
    static let lockKey: Int64 = 0x62_61_6e_73_6f

    public init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    /// What is applied, pending and changed, without changing anything.
    public func status() async throws -> MigrationStatus {
        try await database.withConnection { connection in
            try await status(on: connection)
        }
    }

    /// Applies what is pending; returns the names applied now.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await database.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
            do {
                let applied = try await apply(on: connection)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
                throw error
            }
        }
    }

    private func apply(on connection: Connection) async throws -> [String] {
        try await connection.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let status = try await status(on: connection)
        if !status.changed.isEmpty {
            throw DatabaseError(
                code: .migrationChanged,
                message: "applied migration(s) \(status.changed.joined(separator: ", ")) changed after they were "
                    + "applied; restore the original file(s) and put the change in a new migration")
        }
        let checksums = try await checksums(on: connection)
        var appliedNow: [String] = []
        for migration in migrations where status.pending.contains(migration.name) {
            try await connection.query("BEGIN")
            do {
                try await connection.simpleQuery(unsafeSQL: migration.sql)
                try await connection.query(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(checksums[migration.version]!))
                    """)
                try await connection.query("COMMIT")
            } catch {
                _ = try? await connection.query("ROLLBACK")
                var failure = error as? DatabaseError ?? DatabaseError(code: .migrationFailed, message: "\(error)")
                failure.message = "migration \(migration.name) failed: \(failure.message)"
                failure.query = nil
                throw failure
            }
            appliedNow.append(migration.name)
        }
        return appliedNow
    }

    private func status(on connection: Connection) async throws -> MigrationStatus {
        let exists = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL")
            .scalar(Bool.self) ?? false
        var applied: [Int: String] = [:]
        if exists {
            for row in try await connection.query("SELECT version, checksum FROM schema_migrations") {
                let (version, checksum) = try row.decode((Int, String).self)
                applied[version] = checksum
            }
        }
        let checksums = try await checksums(on: connection)
        var pending: [String] = []
        var changed: [String] = []
        for migration in migrations {
            if let recorded = applied[migration.version] {
                if recorded != checksums[migration.version] { changed.append(migration.name) }
            } else {
                pending.append(migration.name)
            }
        }
        return MigrationStatus(applied: applied.keys.sorted(), pending: pending, changed: changed)
    }

    /// SHA-256 of each file, computed by the server in one round trip (it has `sha256()`; no crypto library needed).
    private func checksums(on connection: Connection) async throws -> [Int: String] {
        guard !migrations.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT v, encode(sha256(convert_to(s, 'UTF8')), 'hex')
            FROM unnest(\(migrations.map(\.version))::int8[], \(migrations.map(\.sql))::text[]) AS m(v, s)
            """)
        var result: [Int: String] = [:]
        for row in rows {
            let (version, checksum) = try row.decode((Int, String).self)
            result[version] = checksum
        }
        return result
    }
}
