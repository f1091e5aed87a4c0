import Crypto
import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// `banso_authenticate`: one statement resolves a token hash to its credential, the member's grants and the
/// org's structure, records the use at most once a minute, and refuses what is revoked, expired or idle.
@Suite struct AuthenticationTests {
    func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Data(token.utf8))) }

    @Test func aLiveTokenResolvesWithGrantsAndStructure() async throws {
        try await TestDatabase.with { db, _ in
            let time = ManualTime(TestClock.reference)
            let store = Store.testing(db, clock: .manual(time))
            let fixture = try await StoreFixture.make(store)
            try await store.tenant(fixture.a.id) { tx in
                try await CredentialRepository.createSession(
                    tx, id: .v7(), member: fixture.a.member, tokenHash: hash("session-a"), expiresAt: TestClock.reference + 3600)
            }
            let found = try #require(try await store.authenticate(tokenHash: hash("session-a"), sessionIdle: 7200))
            #expect(found.credential.orgID == fixture.a.id && found.credential.memberID == fixture.a.member)
            #expect(found.credential.kind == .session && found.credential.scopes == nil)
            #expect(found.grants == [Grant(role: .manager, scope: .company(fixture.a.company))])
            #expect(found.structure.companyOfTeam == [fixture.a.team: fixture.a.company])
            #expect(try await store.authenticate(tokenHash: hash("unknown"), sessionIdle: 7200) == nil)
        }
    }

    @Test func useIsRecordedAtMostOnceAMinuteAndIdleSessionsEnd() async throws {
        try await TestDatabase.with { db, _ in
            let time = ManualTime(TestClock.reference)
            let store = Store.testing(db, clock: .manual(time))
            let fixture = try await StoreFixture.make(store)
            let session = UUID.v7()
            try await store.tenant(fixture.a.id) { tx in
                try await CredentialRepository.createSession(
                    tx, id: session, member: fixture.a.member, tokenHash: hash("s"), expiresAt: TestClock.reference + 12 * 3600)
            }
            func lastUsed() async throws -> Date {
                try #require(try await db.query("SELECT last_used_at FROM auth_session WHERE id = \(session)").scalar(Date.self))
            }
            let created = try await lastUsed()
            time.advance(by: 30)
            _ = try await store.authenticate(tokenHash: hash("s"), sessionIdle: 7200)
            #expect(try await lastUsed() == created, "within a minute a read writes nothing")
            time.advance(by: 31)
            _ = try await store.authenticate(tokenHash: hash("s"), sessionIdle: 7200)
            #expect(abs(try await lastUsed().timeIntervalSince(TestClock.reference + 61)) < 0.001)
            time.advance(by: 7201)
            #expect(try await store.authenticate(tokenHash: hash("s"), sessionIdle: 7200) == nil, "idle beyond the limit")
        }
    }

    @Test func revokedTokensAndDeactivatedMembersAreRefusedAtOnce() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let token = UUID.v7()
            try await store.tenant(fixture.b.id) { tx in
                _ = try await CredentialRepository.createToken(
                    tx, id: token, member: fixture.b.member, name: "ci", scopes: [.read], tokenHash: hash("t"), expiresAt: nil,
                    createdBy: fixture.b.member)
            }
            let found = try #require(try await store.authenticate(tokenHash: hash("t"), sessionIdle: 7200))
            #expect(found.credential.kind == .apiToken && found.credential.scopes == [.read])
            try await store.tenant(fixture.b.id) { tx in try await tx.execute("UPDATE api_token SET revoked_at = banso_now() WHERE id = \(token)") }
            #expect(try await store.authenticate(tokenHash: hash("t"), sessionIdle: 7200) == nil)
            try await store.tenant(fixture.b.id) { tx in
                try await tx.execute("UPDATE api_token SET revoked_at = NULL WHERE id = \(token)")
                try await tx.execute("UPDATE member SET active = false WHERE id = \(fixture.b.member)")
            }
            #expect(try await store.authenticate(tokenHash: hash("t"), sessionIdle: 7200) == nil)
        }
    }
}
