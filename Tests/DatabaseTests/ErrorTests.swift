import Database
import Foundation
import Testing
import TestSupport

/// `DatabaseError` carries what callers branch on (SQLSTATE, constraint, table, column) and keeps parameter values
/// out of `description`, which goes to logs.
@Suite struct ErrorTests {
    static let schema: SQLQuery = """
        CREATE TABLE account (
            id int PRIMARY KEY,
            email text NOT NULL CONSTRAINT account_email_key UNIQUE,
            age int CONSTRAINT account_age_check CHECK (age >= 0)
        );
        """

    @Test func uniqueViolation() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute(Self.schema)
            let secret = "s3cret-\(UUID().uuidString)@example.com"
            try await db.execute("INSERT INTO account (id, email) VALUES (\(1), \(secret))")
            let error = await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO account (id, email) VALUES (\(2), \(secret))")
            }
            let e = try #require(error)
            #expect(e.code == .server)
            #expect(e.sqlState == "23505")
            #expect(e.isUniqueViolation)
            #expect(!e.isForeignKeyViolation && !e.isCheckViolation && !e.isConnectionLoss)
            #expect(e.constraint == "account_email_key")
            #expect(e.table == "account")
            #expect(e.query == "INSERT INTO account (id, email) VALUES ($1, $2)")
            // Safe for logs: the code, SQLSTATE and constraint, never the value.
            #expect(!e.description.contains(secret))
            #expect(!e.description.contains("s3cret"))
            #expect(!"\(e)".contains("s3cret"))
            #expect(!String(describing: e).contains("s3cret"))
            #expect(e.description.contains("23505"))
            #expect(e.description.contains("account_email_key"))
            #expect(!(e.query ?? "").contains("s3cret"))
            // The server's detail (which quotes the key) is in the debug description only.
            #expect(e.detail?.contains(secret) == true)
            #expect(e.debugDescription.contains("Key (email)"))
            // The row was not inserted.
            #expect(try await db.query("SELECT count(*) FROM account").scalar(Int.self) == 1)
        }
    }

    @Test func otherConstraintViolations() async throws {
        try await TestDatabase.with { db, _ in
            try await db.execute(Self.schema)
            try await db.execute("CREATE TABLE note (id int PRIMARY KEY, account_id int CONSTRAINT note_account_fk REFERENCES account (id))")
            try await db.execute("INSERT INTO account (id, email) VALUES (1, 'a@example.com')")

            let check = await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO account (id, email, age) VALUES (2, 'b@example.com', \(-5))")
            }
            #expect(check?.isCheckViolation == true)
            #expect(check?.sqlState == "23514")
            #expect(check?.constraint == "account_age_check")

            let notNull = await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO account (id, email) VALUES (3, \(String?.none))")
            }
            #expect(notNull?.isNotNullViolation == true)
            #expect(notNull?.column == "email")
            #expect(notNull?.table == "account")

            let foreignKey = await #expect(throws: DatabaseError.self) {
                try await db.execute("INSERT INTO note VALUES (1, \(99))")
            }
            #expect(foreignKey?.isForeignKeyViolation == true)
            #expect(foreignKey?.sqlState == "23503")
            #expect(foreignKey?.constraint == "note_account_fk")
        }
    }

    @Test func syntaxAndRuntimeErrors() async throws {
        try await TestDatabase.with { db, _ in
            let syntax = await #expect(throws: DatabaseError.self) { try await db.query("SELEKT 1") }
            #expect(syntax?.code == .server)
            #expect(syntax?.sqlState == "42601")
            #expect(syntax?.query == "SELEKT 1")
            let division = await #expect(throws: DatabaseError.self) { try await db.query("SELECT \(1) / \(0)") }
            #expect(division?.sqlState == "22012")
            #expect(division?.message.contains("division by zero") == true)
            // A server error's message may quote values, so description leaves it out.
            let cast = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT \("private-value-77")::int")
            }
            #expect(cast?.sqlState == "22P02")
            #expect(cast?.message.contains("private-value-77") == true)
            #expect(cast?.description.contains("private-value-77") == false)
            // The server's hint comes through.
            let undefined = await #expect(throws: DatabaseError.self) {
                try await db.query("SELECT no_such_function(\(1))")
            }
            #expect(undefined?.sqlState == "42883")
            #expect(undefined?.hint?.contains("explicit type casts") == true)
            // The connection is fine afterwards.
            let five = try await db.query("SELECT \(5)").scalar(Int.self)
            #expect(five == 5)
        }
    }

    @Test func connectionFailureIsReported() async throws {
        // Nothing listens on port 1.
        let db = Database(
            configuration: DatabaseConfiguration(
                url: "postgres://postgres@127.0.0.1:1/postgres", poolSize: 2, connectTimeout: .seconds(2)))
        defer { db.close() }
        for _ in 0..<3 {
            let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT 1") }
            #expect(error?.code == .connectionFailed)
            #expect(error?.isConnectionLoss == true)
        }
        // Failed attempts give their places in the pool back.
        #expect(db.statistics.open == 0)
        #expect(db.statistics.inUse == 0)
    }

    @Test func unknownDatabaseIsReported() async throws {
        let db = Database(
            configuration: DatabaseConfiguration(
                url: try TestDatabase.url(database: "no_such_database_\(UUID().uuidString.prefix(8))"), poolSize: 1))
        defer { db.close() }
        let error = await #expect(throws: DatabaseError.self) { try await db.query("SELECT 1") }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("does not exist") == true)
    }

    @Test func closedPoolRefusesWork() async throws {
        try await TestDatabase.with { db, url in
            let other = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            let one = try await other.query("SELECT 1").scalar(Int.self)
            #expect(one == 1)
            other.close()
            let error = await #expect(throws: DatabaseError.self) { try await other.query("SELECT 1") }
            #expect(error?.code == .poolClosed)
        }
    }
}
