public import Domain
public import Foundation
public import Store

/// A period's goal tree as the caller may read it, and what its export adds. The tree is the busiest read of the
/// API and costs one statement: its request is checked before any connection is taken (``check(_:period:company:)``),
/// and ``nodes(_:)`` runs the statement alone, so it fits a transaction-less ``Store/read(_:_:)``.
public struct GoalTrees: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A tree request that passed ``check(_:period:company:)``; only it makes one, so a read cannot skip the check.
    public struct Checked: Sendable {
        public let period: FiscalPeriod
        public let companyID: UUID?
    }

    /// The period in the org's fiscal calendar (which came with the credential, so no statement reads it), and the
    /// right to read goals somewhere within the company when one is named.
    public static func check(_ identity: Identity, period text: String, company: UUID?) throws -> Checked {
        let period: FiscalPeriod
        do { period = try FiscalPeriod.parse(text, fiscalYearStartMonth: identity.fiscalYearStartMonth) } catch {
            throw DomainError(.invalid, "'\(text)' is not a period of this organisation's fiscal calendar", field: "period")
        }
        if let company, !identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .company(company)) {
            try identity.require(.readGoals, in: .company(company))
        }
        return Checked(period: period, companyID: company)
    }

    /// The tree's nodes the caller may read, flat: one statement.
    public func nodes(_ checked: Checked) async throws -> [GoalTreeRepository.Node] {
        try await GoalTreeRepository.tree(tx, period: checked.period, companyID: checked.companyID)
            .filter { GoalAccess.canRead(identity, $0.goal) }
    }

    /// What the export adds to readable nodes: their check-ins, members' names and the reader's language.
    public func exportDetails(goalIDs: [UUID]) async throws
        -> (checkIns: [UUID: [CheckIn]], names: [UUID: String], locale: Organization.Locale)
    {
        (
            try await CheckInRepository.forGoals(tx, goalIDs: goalIDs),
            try await MemberRepository.displayNames(tx),
            try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID).locale
        )
    }
}
