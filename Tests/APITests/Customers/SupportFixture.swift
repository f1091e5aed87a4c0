import Domain
import Database
import Foundation
import HTTPTypes
import Store
import Testing

/// The support part's cast beyond ``TenantOrg``'s: support and CS operations over SMB, a second CSM of the SMB team,
/// a CSM of the Enterprise team, and two SMB customers — one the org's CSM owns, one the second CSM owns (with a
/// sales owner).
struct SupportWorld {
    var support: (id: UUID, token: String)
    var ops: (id: UUID, token: String)
    var csm2: (id: UUID, token: String)
    var entCSM: (id: UUID, token: String)
    var sales: (id: UUID, token: String)
    /// Owned by the org's SMB CSM (`a.csm`).
    var own: UUID
    /// Owned by the second SMB CSM, with a sales owner.
    var other: UUID

    static func make(_ a: TenantOrg, _ store: Store) async throws -> SupportWorld {
        let prefix = a.slug
        let support = try await a.addMember(store, email: "support@\(prefix).example", role: .support, scope: .company(a.smb), team: nil)
        let ops = try await a.addMember(store, email: "ops@\(prefix).example", role: .ops, scope: .company(a.smb), team: nil)
        let csm2 = try await a.addMember(store, email: "csm2@\(prefix).example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
        let entCSM = try await a.addMember(
            store, email: "entcsm@\(prefix).example", role: .csm, scope: .team(a.enterpriseTeam), team: a.enterpriseTeam)
        let sales = try await a.addMember(store, email: "sales@\(prefix).example", role: .viewer, scope: .company(a.smb), team: nil)
        let own = try await a.addCustomer(store, name: "株式会社アサヒ", kana: "アサヒ", owner: a.csm)
        let other = try await a.addCustomer(store, name: "イトウ商事", kana: "イトウショウジ", owner: csm2.id)
        _ = try await store.tenant(a.orgID) { tx in
            try await tx.execute("UPDATE customer SET sales_owner_id = \(sales.id) WHERE org_id = \(tx.org) AND id = \(other)")
        }
        return SupportWorld(support: support, ops: ops, csm2: csm2, entCSM: entCSM, sales: sales, own: own, other: other)
    }
}
