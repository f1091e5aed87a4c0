import Credentials
import Domain
import Foundation
import Store
import UseCases

/// Customers and the roles issue 13's matrix needs beyond ``TenantOrg``'s (support, ops, a second CSM), made
/// through the stores as ``TenantOrg/make(_:name:password:)`` makes the org.
extension TenantOrg {
    /// A new member holding `role` in `scope` (and in `team`, if given), with a token of `scopes`.
    func addMember(
        _ store: Store, email: String, role: Role, scope: Scope, team: UUID?, scopes: [TokenScope] = [.read, .write, .admin]
    ) async throws -> (id: UUID, token: String) {
        try await store.tenant(orgID) { tx in
            let id = UUID.v7()
            _ = try await MemberRepository.insert(
                tx, id: id, email: email, displayName: "\(role.rawValue) \(email)", locale: .ja, timeZone: nil, passwordHash: nil)
            if let team { _ = try await MemberRepository.addToTeam(tx, member: id, team: team) }
            _ = try await GrantRepository.insert(tx, id: .v7(), member: id, grant: Grant(role: role, scope: scope), by: nil)
            let token = Secrets.newToken()
            _ = try await CredentialRepository.createToken(
                tx, id: .v7(), member: id, name: "test", scopes: scopes, tokenHash: Secrets.hash(token: token),
                expiresAt: nil, createdBy: id)
            return (id, token)
        }
    }

    /// A customer straight into the store (for tests of what hangs off customers, not of creating them).
    @discardableResult
    func addCustomer(
        _ store: Store, name: String, kana: String? = nil, company: UUID? = nil, team: UUID? = nil, owner: UUID? = nil,
        phase: LifecyclePhase = .onboarding, since: LocalDate = LocalDate(year: 2025, month: 4, day: 1)!,
        externalID: String? = nil
    ) async throws -> UUID {
        let id = UUID.v7()
        let customer = Customer(
            id: id, externalID: externalID, name: name, nameKana: kana, companyID: company ?? smb,
            teamID: team ?? (company == nil ? smbTeam : nil), ownerID: owner, phase: phase, phaseSince: since,
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        _ = try await store.tenant(orgID) { tx in try await CustomerRepository.insert(tx, customer, by: nil) }
        return id
    }
}
