import Database
import Foundation
import Testing
import TestSupport

/// The migrator on empty databases, with migrations built here: order, records and checksums, idempotence, edited
/// files, failures, concurrent runs, status, and loading the repository's `sql/` directory.
@Suite struct MigratorTests {
    static let first = Migration(version: 1, name: "0001_a", sql: "CREATE TABLE a (id int PRIMARY KEY);")
    static let second = Migration(
        version: 2, name: "0002_b",
        sql: """
            -- depends on 0001: applied in order
            CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));
            CREATE TABLE applied_order (seq serial PRIMARY KEY, version int);
            INSERT INTO applied_order (version) VALUES (1), (2);
            """)
    static let third = Migration(
        version: 10, name: "0010_c",
        sql: """
            INSERT INTO a VALUES (1);
            INSERT INTO b VALUES (1, 1);
            INSERT INTO applied_order (version) VALUES (10);
            COMMENT ON TABLE a IS '伴走 ''quoted'' $1';
            """)
    static let all = [first, second, third]

    @Test func appliesInOrderAndRecordsChecksums() async throws {
        try await TestDatabase.with(migrated: false) { db, _ in
            // In the order `Migration.load` gives them (by number).
            let applied = try await Migrator(database: db, migrations: Self.all).migrate()
            #expect(applied == ["0001_a", "0002_b", "0010_c"])
            let rows = try await db.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
                .decode((Int, String, String).self)
            #expect(rows.map(\.0) == [1, 2, 10])
            #expect(rows.map(\.1) == ["0001_a", "0002_b", "0010_c"])
            // SHA-256 of the file's UTF-8 text, in hex (computed outside: `printf %s "$sql" | sha256sum`).
            #expect(rows[0].2 == "1ffe07053bc202a536365a13faa6e5c61e38a2c7f607fe46cef5fbff2d501760")
            #expect(rows.allSatisfy { $0.2.count == 64 && $0.2.allSatisfy(\.isHexDigit) })
            #expect(Set(rows.map(\.2)).count == 3)
            #expect(try await db.query("SELECT version FROM applied_order ORDER BY seq").decodeColumn(Int.self) == [1, 2, 10])
            #expect(try await db.query("SELECT count(*) FROM b").scalar(Int.self) == 1)
            #expect(try await db.query("SELECT obj_description('a'::regclass)").scalar(String.self) == "伴走 'quoted' $1")
            let appliedAt = try await db.query("SELECT count(*) FROM schema_migrations WHERE applied_at <= now()")
                .scalar(Int.self)
            #expect(appliedAt == 3)
        }
    }

    @Test func secondRunAppliesNothing() async throws {
        try await TestDatabase.with(migrated: false) { db, _ in
            let migrator = Migrator(database: db, migrations: Self.all)
            try await migrator.migrate()
            let before = try await db.query("SELECT version, applied_at FROM schema_migrations ORDER BY version")
                .decode((Int, Date).self)
            #expect(try await migrator.migrate() == [])
            #expect(try await Migrator(database: db, migrations: Self.all).migrate() == [])
            let after = try await db.query("SELECT version, applied_at FROM schema_migrations ORDER BY version")
                .decode((Int, Date).self)
            #expect(after.map(\.0) == before.map(\.0))
            #expect(after.map(\.1) == before.map(\.1))
            #expect(try await db.query("SELECT count(*) FROM a").scalar(Int.self) == 1, "0010 ran once")
            // Only the new one runs when one is added.
            let fourth = Migration(version: 11, name: "0011_d", sql: "INSERT INTO a VALUES (2);")
            #expect(try await Migrator(database: db, migrations: Self.all + [fourth]).migrate() == ["0011_d"])
            #expect(try await db.query("SELECT count(*) FROM a").scalar(Int.self) == 2)
        }
    }

    @Test func editedAppliedMigrationIsRefused() async throws {
        try await TestDatabase.with(migrated: false) { db, _ in
            try await Migrator(database: db, migrations: [Self.first, Self.second]).migrate()
            var edited = Self.second
            edited.sql += "\nCREATE TABLE sneaky (id int);"
            let pending = Migration(version: 3, name: "0003_pending", sql: "CREATE TABLE pending (id int);")
            let migrator = Migrator(database: db, migrations: [Self.first, edited, pending])
            let error = await #expect(throws: DatabaseError.self) { try await migrator.migrate() }
            #expect(error?.code == .migrationChanged)
            #expect(error?.message.contains("0002_b") == true)
            #expect(error?.message.contains("0001_a") == false)
            // Nothing ran: neither the edit nor the pending migration after it.
            let tables = try await db.query(
                "SELECT count(*) FROM pg_tables WHERE tablename IN ('sneaky', 'pending')").scalar(Int.self)
            #expect(tables == 0)
            #expect(try await db.query("SELECT count(*) FROM schema_migrations").scalar(Int.self) == 2)
            // Even whitespace counts as a change.
            var spaced = Self.first
            spaced.sql += " "
            let whitespace = await #expect(throws: DatabaseError.self) {
                try await Migrator(database: db, migrations: [spaced, Self.second]).migrate()
            }
            #expect(whitespace?.code == .migrationChanged)
            #expect(whitespace?.message.contains("0001_a") == true)
        }
    }

    @Test func failingMigrationLeavesNothingOfItself() async throws {
        try await TestDatabase.with(migrated: false) { db, _ in
            let failing = Migration(
                version: 2, name: "0002_broken",
                sql: """
                    CREATE TABLE half (id int);
                    INSERT INTO half VALUES (1);
                    INSERT INTO a VALUES (42);
                    SELECT 1 / 0;
                    CREATE TABLE never (id int);
                    """)
            let later = Migration(version: 3, name: "0003_later", sql: "CREATE TABLE later (id int);")
            let migrator = Migrator(database: db, migrations: [Self.first, failing, later])
            let error = await #expect(throws: DatabaseError.self) { try await migrator.migrate() }
            #expect(error?.message.contains("0002_broken") == true, "names the file")
            #expect(error?.sqlState == "22012", "keeps the server's SQLSTATE")
            // 0001 stays applied; 0002 left nothing; 0003 was not attempted.
            #expect(try await db.query("SELECT version FROM schema_migrations").decodeColumn(Int.self) == [1])
            let tables = try await db.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").decodeColumn(String.self)
            #expect(tables == ["a", "schema_migrations"])
            #expect(try await db.query("SELECT count(*) FROM a").scalar(Int.self) == 0)
            // The connection that ran it is usable (not stuck in the failed transaction), and the status says so.
            let status = try await migrator.status()
            #expect(status.applied == [1])
            #expect(status.pending == ["0002_broken", "0003_later"])
            // Once fixed, the rest applies.
            var fixed = failing
            fixed.sql = "CREATE TABLE half (id int);"
            #expect(try await Migrator(database: db, migrations: [Self.first, fixed, later]).migrate() == ["0002_broken", "0003_later"])
        }
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await TestDatabase.with(migrated: false, poolSize: 2) { db, url in
            let migrations = [
                Migration(version: 1, name: "0001_runs", sql: "CREATE TABLE IF NOT EXISTS runs (v int); INSERT INTO runs VALUES (1);"),
                Migration(version: 2, name: "0002_slow", sql: "INSERT INTO runs VALUES (2); SELECT pg_sleep(0.2);"),
                Migration(version: 3, name: "0003_more", sql: "INSERT INTO runs VALUES (3);"),
            ]
            // Three instances, as three pods starting together would be: each its own Database.
            let others = (0..<2).map { _ in Database(configuration: DatabaseConfiguration(url: url, poolSize: 1)) }
            defer { others.forEach { $0.close() } }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for database in [db] + others {
                    group.addTask { try await Migrator(database: database, migrations: migrations).migrate() }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(applied.flatMap { $0 }.sorted() == ["0001_runs", "0002_slow", "0003_more"])
            #expect(applied.filter { !$0.isEmpty }.count == 1, "one instance did all the work: \(applied)")
            #expect(try await db.query("SELECT v FROM runs ORDER BY v").decodeColumn(Int.self) == [1, 2, 3])
            #expect(try await db.query("SELECT count(*) FROM schema_migrations").scalar(Int.self) == 3)
            // The advisory lock was released: another run gets it at once.
            #expect(try await Migrator(database: others[0], migrations: migrations).migrate() == [])
            let locks = try await db.query(
                """
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """).scalar(Int.self)
            #expect(locks == 0)
        }
    }

    @Test func statusReportsPendingAndChanged() async throws {
        try await TestDatabase.with(migrated: false) { db, _ in
            let empty = try await Migrator(database: db, migrations: Self.all).status()
            #expect(empty.applied == [])
            #expect(empty.pending == ["0001_a", "0002_b", "0010_c"])
            #expect(empty.changed == [])
            #expect(!empty.isCurrent)
            // status() changes nothing.
            let exists = try await db.query("SELECT to_regclass('schema_migrations') IS NOT NULL").scalar(Bool.self)
            #expect(exists == false)

            try await Migrator(database: db, migrations: [Self.first, Self.second]).migrate()
            let partial = try await Migrator(database: db, migrations: Self.all).status()
            #expect(partial.applied == [1, 2])
            #expect(partial.pending == ["0010_c"])
            #expect(partial.changed == [])

            var edited = Self.first
            edited.sql = "CREATE TABLE a (id bigint PRIMARY KEY);"
            let changed = try await Migrator(database: db, migrations: [edited, Self.second, Self.third]).status()
            #expect(changed.changed == ["0001_a"])
            #expect(changed.pending == ["0010_c"])
            #expect(!changed.isCurrent)

            try await Migrator(database: db, migrations: Self.all).migrate()
            let current = try await Migrator(database: db, migrations: Self.all).status()
            #expect(current.isCurrent)
            #expect(current.applied == [1, 2, 10])
        }
    }

    @Test func loadsTheRepositorysMigrations() async throws {
        let migrations = try Migration.load(directory: TestDatabase.migrationsDirectory)
        #expect(!migrations.isEmpty)
        #expect(migrations.first?.version == 1)
        #expect(migrations.first?.name == "0001_init")
        #expect(migrations.first?.sql.contains("banso_current_org") == true)
        #expect(migrations.map(\.version) == migrations.map(\.version).sorted())
        #expect(Set(migrations.map(\.version)).count == migrations.count)
        // They apply to an empty database, and the template-made databases are current with them.
        try await TestDatabase.with(migrated: false) { db, _ in
            let applied = try await Migrator(database: db, migrations: migrations).migrate()
            #expect(applied == migrations.map(\.name))
        }
        try await TestDatabase.with { db, _ in
            let status = try await Migrator(database: db, migrations: migrations).status()
            #expect(status.isCurrent)
        }
    }

    @Test func loadSortsNumericallyAndRefusesBadNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("banso-migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ text: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("0010_ten.sql", "SELECT 10;")
        try write("0002_two.sql", "SELECT '伴走';")
        try write("0001_one.sql", "SELECT 1;")
        try write("README.md", "not a migration")
        let loaded = try Migration.load(directory: directory)
        #expect(loaded.map(\.version) == [1, 2, 10])
        #expect(loaded.map(\.name) == ["0001_one", "0002_two", "0010_ten"])
        #expect(loaded[1].sql == "SELECT '伴走';")

        try write("0002_again.sql", "SELECT 2;")
        let duplicate = #expect(throws: DatabaseError.self) { try Migration.load(directory: directory) }
        #expect(duplicate?.message.contains("0002_again") == true)
        #expect(duplicate?.message.contains("0002_two") == true)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("0002_again.sql"))

        try write("init.sql", "SELECT 0;")
        let badName = #expect(throws: DatabaseError.self) { try Migration.load(directory: directory) }
        #expect(badName?.message.contains("init.sql") == true)
    }
}
