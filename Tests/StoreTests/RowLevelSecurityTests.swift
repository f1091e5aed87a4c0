import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// Below every repository's own `org_id` condition, PostgreSQL's policies keep a tenant transaction to its org:
/// a query that forgot the condition still sees, and may write, only the transaction's organisation.
@Suite struct RowLevelSecurityTests {
    @Test func aQueryWithoutItsOrgConditionSeesOnlyItsOrg() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let seen = try await store.tenant(fixture.a.id) { tx in
                try await tx.query("SELECT id FROM member").decodeColumn(UUID.self)
            }
            #expect(seen == [fixture.a.member])
            let orgs = try await store.tenant(fixture.b.id) { tx in try await tx.query("SELECT id FROM org").decodeColumn(UUID.self) }
            #expect(orgs == [fixture.b.id])
        }
    }

    @Test func aTenantTransactionCannotWriteIntoAnotherOrg() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(fixture.a.id) { tx in
                    try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(fixture.b.id), \(UUID.v7()), 'Planted')")
                }
            }
            let updated = try await store.tenant(fixture.a.id) { tx in
                try await tx.execute("UPDATE member SET display_name = 'Renamed' WHERE id = \(fixture.b.member)")
            }
            #expect(updated == 0, "another org's row is invisible, so nothing matched")
        }
    }

    /// A repository reads the org from its transaction: handed another org's id, it finds nothing.
    @Test func repositoriesAnswerOnlyForTheirTransactionsOrg() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let (org, own, other, otherCompany) = try await store.tenant(fixture.a.id) { tx in
                (tx.org, try await MemberRepository.get(tx, id: fixture.a.member), try await MemberRepository.get(tx, id: fixture.b.member),
                 try await CompanyRepository.get(tx, id: fixture.b.company))
            }
            #expect(org == fixture.a.id)
            #expect(own != nil)
            #expect(other == nil)
            #expect(otherCompany == nil)
        }
    }

    /// The one-statement read (no BEGIN/COMMIT) keeps the same policies and refuses a second statement, which
    /// would run outside the prelude's implicit transaction.
    @Test func aOneStatementReadIsScopedAndStaysOneStatement() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let seen = try await store.read(fixture.b.id) { tx in try await tx.query("SELECT id FROM member").decodeColumn(UUID.self) }
            #expect(seen == [fixture.b.member])
            await #expect(throws: DatabaseError.self) {
                try await store.read(fixture.a.id) { tx in
                    _ = try await tx.query("SELECT 1")
                    _ = try await tx.query("SELECT id FROM member")
                }
            }
            // The connection is clean afterwards: no org or role left on it.
            let leftover = try await db.query("SELECT coalesce(current_setting('banso.org_id', true), ''), current_user = session_user")
                .decode((String, Bool).self)
            #expect(leftover.first?.0 == "" && leftover.first?.1 == true)
        }
    }
}
