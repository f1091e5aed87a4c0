import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// Lists read in keyset pages: each page starts after the previous one's last id, and the cursor is set only
/// when a row follows.
@Suite struct KeysetPagingTests {
    @Test func pagesCoverTheListOnceInOrder() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let names = (1...4).map { "Company \($0)" }
            try await store.tenant(fixture.a.id) { tx in
                for name in names { _ = try await CompanyRepository.insert(tx, id: .v7(), name: name) }
            }
            var seen: [String] = []
            var cursor: UUID?
            var pages = 0
            repeat {
                let page = try await store.tenant(fixture.a.id) { tx in try await CompanyRepository.list(tx, after: cursor, limit: 2) }
                seen += page.items.map(\.name)
                cursor = page.nextCursor
                pages += 1
                #expect(page.items.count <= 2)
            } while cursor != nil
            #expect(seen == ["Enterprise"] + names)
            #expect(pages == 3)
        }
    }

    @Test func aProfileIsTheMemberTheirOrgAndTheirGrantsInOneRead() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let profile = try #require(try await store.read(fixture.a.id) { tx in try await MemberProfile.load(tx, member: fixture.a.member) })
            let (member, org, grants) = try await store.tenant(fixture.a.id) { tx in
                (try await MemberRepository.get(tx, id: fixture.a.member), try await OrganizationRepository.current(tx),
                 try await GrantRepository.forMember(tx, member: fixture.a.member))
            }
            #expect(profile.member == member)
            #expect(profile.org == org)
            #expect(profile.grants == grants)
            #expect(try await store.read(fixture.a.id) { tx in try await MemberProfile.load(tx, member: fixture.b.member) } == nil)
        }
    }
}
