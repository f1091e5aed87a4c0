import Database
import Domain
import Foundation
import Store
import TestSupport

/// Two organisations with a member each, written as system work: what repository-level tests start from.
struct StoreFixture {
    struct Org {
        let id: UUID
        let member: UUID
        let company: UUID
        let team: UUID
    }

    let a: Org
    let b: Org

    static func make(_ store: Store) async throws -> StoreFixture {
        func org(_ slug: String) async throws -> Org {
            let org = Org(id: .v7(), member: .v7(), company: .v7(), team: .v7())
            try await store.system { tx in
                try await tx.execute("INSERT INTO org (id, slug, name) VALUES (\(org.id), \(slug + "-" + org.id.uuidString.prefix(8).lowercased()), \(slug))")
                try await tx.execute(
                    "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org.id), \(org.member), \(slug + "@example.com"), \(slug.uppercased()), 'ja')")
                try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org.id), \(org.company), 'Enterprise')")
                try await tx.execute("INSERT INTO team (org_id, id, company_id, name) VALUES (\(org.id), \(org.team), \(org.company), 'East')")
                try await tx.execute(
                    "INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id) VALUES (\(org.id), \(UUID.v7()), \(org.member), 'manager', 'company', \(org.company))")
            }
            return org
        }
        return StoreFixture(a: try await org("alpha"), b: try await org("beta"))
    }
}
