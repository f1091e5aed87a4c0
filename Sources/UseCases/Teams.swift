public import Domain
public import Foundation
public import Store

/// Teams inside companies. Whoever reads a company's directory reads its teams; managers of a company manage them.
/// Who is in a team is ``Members/setTeamMembership(member:team:add:)``'s.
public struct Teams: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A team that passed ``check(company:name:)``. Creating is two steps so that a replayed request (an
    /// Idempotency-Key seen before) is answered after the checks and before the write; only `check` makes one.
    public struct Checked: Sendable {
        let companyID: UUID
        let name: String
    }

    /// The teams the caller may read (a manager of SMB sees SMB's), of one company or all.
    public func list(company: UUID?, after cursor: UUID?, limit: Int) async throws -> Page<Team> {
        try await TeamRepository.list(tx, companyID: company, visibleTo: identity.reach(.readDirectory), after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> Team {
        guard let team = try await TeamRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.readDirectory, in: .team(id))
        return team
    }

    /// `name` is one, the company is in this organisation, and the caller manages its teams.
    public func check(company: UUID, name: String) async throws -> Checked {
        let name = try TenancyRules.name(name, field: "name")
        guard try await CompanyRepository.get(tx, id: company) != nil else {
            throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
        }
        try identity.require(.manageTeams, in: .company(company))
        return Checked(companyID: company, name: name)
    }

    public func create(_ checked: Checked) async throws -> Team {
        let team = try await TeamRepository.insert(tx, id: .v7(), companyID: checked.companyID, name: checked.name)
        try await Audit.record(tx, caller, action: "team.create", resource: "team", id: team.id, after: team)
        return team
    }

    public func rename(_ id: UUID, to name: String, expectedVersion: Int?) async throws -> Team {
        guard let before = try await TeamRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.manageTeams, in: .company(before.companyID))
        let name = try TenancyRules.name(name, field: "name")
        guard let after = try await TeamRepository.rename(tx, id: id, name: name, expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "team.update", resource: "team", id: id, before: before, after: after)
        return after
    }

    /// Its memberships and the grants held in it go with it; one that still has goals or accountabilities is refused
    /// (409).
    public func delete(_ id: UUID) async throws {
        guard let before = try await TeamRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.manageTeams, in: .company(before.companyID))
        _ = try await TeamRepository.delete(tx, id: id)
        try await Audit.record(tx, caller, action: "team.delete", resource: "team", id: id, before: before)
    }

    static let notFound = DomainError(.notFound, "team not found")
}
