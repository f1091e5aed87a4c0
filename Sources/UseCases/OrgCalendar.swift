public import Domain
public import Foundation
public import Store

/// The org's closure days and its goal and check-in rules, for the JSON API and the pages alike. A change to either
/// moves the days of every open check-in, so each runs `reschedule` in the same transaction — the scheduler's,
/// handed in because the use cases do not reach the scheduler — and is audited.
public struct OrgCalendar: Sendable {
    public typealias Reschedule = @Sendable (TenantTransaction) async throws -> Void

    let tx: TenantTransaction
    let caller: Caller
    let reschedule: Reschedule
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller, reschedule: @escaping Reschedule) {
        (self.tx, self.caller, self.reschedule) = (tx, caller, reschedule)
    }

    public typealias Closure = GoalSettingsRepository.Closure

    /// What the audit log keeps of a closure day.
    struct ClosureEntry: Encodable {
        var date: LocalDate
        var name: String
    }

    /// Makes `day` a closure day, or renames it.
    @discardableResult
    public func putClosure(_ day: LocalDate, name rawName: String) async throws -> Closure {
        try identity.require(.manageGoalSettings, in: .org)
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= 200 else { throw DomainError(.invalid, "a name is at most 200 characters", field: "name") }
        _ = try await GoalSettingsRepository.addClosures(tx, [Closure(day: day, name: name)])
        try await reschedule(tx)
        try await Audit.record(tx, caller, action: "closure.put", resource: "org", id: identity.orgID, after: ClosureEntry(date: day, name: name))
        return Closure(day: day, name: name)
    }

    /// Makes a closure day a working day again.
    public func removeClosure(_ day: LocalDate) async throws {
        try identity.require(.manageGoalSettings, in: .org)
        guard try await GoalSettingsRepository.removeClosure(tx, day: day) else { throw DomainError(.notFound, "closure not found") }
        try await reschedule(tx)
        try await Audit.record(tx, caller, action: "closure.delete", resource: "org", id: identity.orgID, before: ["date": day.description])
    }

    /// 年末年始 from `year` into the next: 29 December to 3 January.
    public static func newYearDays(_ year: Int) -> [Closure] {
        [(year, 12, 29), (year, 12, 30), (year, 12, 31), (year + 1, 1, 1), (year + 1, 1, 2), (year + 1, 1, 3)]
            .compactMap { LocalDate(year: $0.0, month: $0.1, day: $0.2) }.map { Closure(day: $0, name: "年末年始") }
    }

    /// Adds 年末年始 from `year`; the days, and how many of them were not closure days before.
    public func addNewYear(_ year: Int) async throws -> (days: [Closure], added: Int) {
        try identity.require(.manageGoalSettings, in: .org)
        guard (1989...2098).contains(year) else { throw DomainError(.invalid, "a year from 1989 to 2098", field: "year") }
        let days = Self.newYearDays(year)
        let added = try await GoalSettingsRepository.addClosures(tx, days)
        try await reschedule(tx)
        try await Audit.record(tx, caller, action: "closure.new_year", resource: "org", id: identity.orgID, after: ["year": String(year)])
        return (days, added)
    }

    /// Changes the goal and check-in rules: `change` edits a copy, which must pass ``GoalSettings/validated()``.
    public func updateSettings(_ change: (inout GoalSettings) throws -> Void) async throws -> GoalSettings {
        try identity.require(.manageGoalSettings, in: .org)
        let before = try await GoalSettingsRepository.get(tx)
        var settings = before
        try change(&settings)
        let validated = try settings.validated()
        try await GoalSettingsRepository.set(tx, validated)
        try await reschedule(tx)
        try await Audit.record(tx, caller, action: "goal_settings.update", resource: "org", id: identity.orgID, before: before, after: validated)
        return validated
    }
}
