import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// A participant's private meeting notes (issue 14): only a transaction that names the note's member reaches it —
/// another member of the org (a manager, an admin), a transaction for nobody (an export, a transfer) and system
/// work all see nothing and can write nothing over it, whatever SQL they run.
@Suite struct PrivateNoteTests {
    @Test func onlyTheNotesMemberReachesIt() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let org = fixture.a
            let other = UUID.v7()
            let body = UUID.v7(), meeting = UUID.v7()
            _ = try await store.tenant(org.id) { tx in
                try await tx.execute(
                    "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org.id), \(other), 'boss@example.com', 'Boss', 'ja')")
                try await tx.execute(
                    """
                    INSERT INTO meeting_body (org_id, id, name, purpose, objective, duration_minutes, template)
                    VALUES (\(org.id), \(body), '定例', 'share', '共有する', 60, '{"sections":[]}')
                    """)
                try await tx.execute(
                    """
                    INSERT INTO meeting (org_id, id, body_id, starts_at, ends_at)
                    VALUES (\(org.id), \(meeting), \(body), '2027-01-12T01:00:00Z', '2027-01-12T02:00:00Z')
                    """)
            }
            // Nobody named: the note cannot even be written.
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(org.id) { tx in
                    try await tx.execute(
                        "INSERT INTO meeting_note (org_id, meeting_id, member_id, body) VALUES (\(org.id), \(meeting), \(org.member), 'x')")
                }
            }
            // Its member writes it; another member cannot write one in their name.
            _ = try await store.tenant(org.id, member: org.member) { tx in
                try await tx.execute(
                    "INSERT INTO meeting_note (org_id, meeting_id, member_id, body) VALUES (\(org.id), \(meeting), \(org.member), '本音のメモ')")
            }
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(org.id, member: other) { tx in
                    try await tx.execute(
                        "INSERT INTO meeting_note (org_id, meeting_id, member_id, body) VALUES (\(org.id), \(meeting), \(org.member), 'forged')")
                }
            }
            func read(_ member: UUID?) async throws -> [String] {
                try await store.tenant(org.id, member: member) { tx in
                    try await tx.query("SELECT body FROM meeting_note").decodeColumn(String.self)
                }
            }
            #expect(try await read(org.member) == ["本音のメモ"])
            #expect(try await read(other).isEmpty, "another member (a manager, an admin) sees nothing")
            #expect(try await read(nil).isEmpty, "work done for nobody (an export, a transfer) sees nothing")
            let system = try await store.system { tx in try await tx.query("SELECT body FROM meeting_note").decodeColumn(String.self) }
            #expect(system.isEmpty, "system work sees nothing either")
            let changed = try await store.tenant(org.id, member: other) { tx in
                try await tx.execute("UPDATE meeting_note SET body = 'overwritten'")
            }
            #expect(changed == 0)
            // Another org's transaction naming the member sees nothing: the tenant policy still holds.
            let elsewhere = try await store.tenant(fixture.b.id, member: org.member) { tx in
                try await tx.query("SELECT body FROM meeting_note").decodeColumn(String.self)
            }
            #expect(elsewhere.isEmpty)
        }
    }
}
