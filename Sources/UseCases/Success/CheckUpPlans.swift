public import Domain
public import Foundation
public import Store

/// A team's monthly check-up plan: read by whoever reads the team's customers; set by whoever holds
/// `success.manage` over the team — its manager, the company's, CS operations.
public struct CheckUpPlans: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The team, if the caller may see it at all (404 otherwise).
    func team(_ id: UUID) async throws -> Team {
        guard let team = try await TeamRepository.get(tx, id: id),
              identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .team(id))
        else { throw DomainError(.notFound, "team not found") }
        return team
    }

    public func get(team id: UUID) async throws -> CheckUpPlan {
        let team = try await team(id)
        return try await CheckUpPlanRepository.get(tx, team: team.id) ?? CheckUpPlan(teamID: team.id)
    }

    /// The plans of those of `teams` the caller may see (a team never set has the default plan), by team: one
    /// statement for a page listing every team.
    public func list(teams: [UUID]) async throws -> [UUID: CheckUpPlan] {
        let visible = teams.filter { identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .team($0)) }
        let saved = try await CheckUpPlanRepository.list(tx, teams: visible)
        return Dictionary(visible.map { ($0, saved[$0] ?? CheckUpPlan(teamID: $0)) }, uniquingKeysWith: { a, _ in a })
    }

    public func put(_ plan: CheckUpPlan, expectedVersion: Int?) async throws -> CheckUpPlan {
        let team = try await team(plan.teamID)
        try identity.require(.manageSuccess, in: .team(team.id))
        let checked = try plan.validated()
        if let id = checked.templateID {
            guard let template = try await CheckUpTemplateRepository.get(tx, id: id) else {
                throw DomainError(.invalid, "no such check-up template", field: "template_id")
            }
            guard template.archivedAt == nil else { throw DomainError(.invalid, "the check-up template is archived", field: "template_id") }
        }
        let before = try await CheckUpPlanRepository.get(tx, team: team.id)
        guard let saved = try await CheckUpPlanRepository.put(tx, checked, expectedVersion: expectedVersion) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "check_up_plan.update", resource: "team", id: team.id, before: before, after: saved)
        return saved
    }
}
