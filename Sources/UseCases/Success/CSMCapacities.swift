public import Domain
public import Foundation
public import Store

/// Each CSM's monthly program-hour capacity (default 120 h): set by whoever manages the member (their manager, an
/// admin) and can reach them; read by whoever reads the member. Answered with this month's program hours against it.
public struct CSMCapacities: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct View: Sendable {
        public var stored: CSMCapacityRepository.Stored
        public var month: YearMonth
        public var load: BudgetUse
    }

    public func get(member id: UUID) async throws -> View {
        let member = try await Members(tx, caller).get(id)
        return try await view(try await CSMCapacityRepository.get(tx, member: member.id))
    }

    public func set(member id: UUID, monthlyMinutes: Int, expectedVersion: Int?) async throws -> View {
        let member = try await Members(tx, caller).get(id)
        if !Members.covers(identity, .manageMembers, member: member) {
            try Identity.enforce(identity.authorizer.can(identity.actor, .manageMembers, in: .org))
        }
        try await Members.requireReach(identity, over: member.id, tx: tx)
        try await CSMCapacityRepository.lock(tx, member: member.id)
        let current = try await CSMCapacityRepository.get(tx, member: member.id)
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        let capacity = try CSMCapacity(memberID: member.id, monthlyMinutes: monthlyMinutes).validated()
        let saved = try await CSMCapacityRepository.set(tx, capacity, by: identity.memberID)
        try await Audit.record(
            tx, caller, action: "csm_capacity.set", resource: "member", id: member.id, before: current.capacity, after: saved.capacity)
        return try await view(saved)
    }

    func view(_ stored: CSMCapacityRepository.Stored) async throws -> View {
        let month = YearMonth(try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today)
        let entries = try await ProgramSessionRepository.hoursByCSM(tx, days: month.firstDay...month.lastDay, csm: stored.capacity.memberID)
        return View(stored: stored, month: month, load: stored.capacity.load(in: month, entries: entries[stored.capacity.memberID] ?? []))
    }
}
