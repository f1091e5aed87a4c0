public import Foundation

/// One numbered SQL file, e.g. `0001_init.sql`.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNNN_name.sql` files from a directory, ordered by number. Two files with one number are refused.
    public static func load(directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for file in files where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]) else {
                throw DatabaseError(
                    code: .migrationFailed, message: "migration file \(file) is not named NNNN_name.sql")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            migrations.append(Migration(version: version, name: String(stem), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw DatabaseError(code: .migrationFailed, message: "migrations \(a.name) and \(b.name) share a number")
        }
        return migrations
    }
}

/// Where the database stands against the migration files.
public struct MigrationStatus: Sendable, Equatable {
    public var applied: [Int]
    public var pending: [String]
    /// Applied migrations whose file has changed since.
    public var changed: [String]
    public var isCurrent: Bool { pending.isEmpty && changed.isEmpty }
}
