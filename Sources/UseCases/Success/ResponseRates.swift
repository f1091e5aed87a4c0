public import Domain
public import Foundation
public import Store

/// The check-up response-rate report: sent, answered and the rate per month for each CSM or company (as they
/// were when each check-up was sent), with the warning of ``ResponseRateWarning`` over the last three complete
/// months against the org's threshold. Counts only customers the caller reads.
public struct ResponseRates: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case csm, company
    }

    public struct Figure: Sendable {
        public var month: YearMonth
        public var rate: ResponseRate
    }

    public struct Verdict: Sendable {
        public var warning: Bool
        /// `below`, `fine` or `not_enough_sends`.
        public var state: String
        public var rate: ResponseRate
    }

    public struct Group: Sendable {
        /// `nil`: customers without a CSM.
        public var id: UUID?
        public var name: String?
        public var months: [Figure]
        public var verdict: Verdict
    }

    public struct Report: Sendable {
        public var from: YearMonth
        public var to: YearMonth
        public var grouping: Grouping
        public var thresholdPercent: Int
        /// The three complete months the warning judges.
        public var window: [YearMonth]
        public var org: Group
        public var groups: [Group]
    }

    public func report(from: YearMonth, to: YearMonth, grouping: Grouping) async throws -> Report {
        try CheckUpTemplates(tx, caller).requireReader()
        guard from <= to else { throw DomainError(.invalid, "the report ends before it starts", field: "to") }
        guard from.months(to: to) < 120 else { throw DomainError(.invalid, "a report covers at most ten years", field: "from") }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID)
        let current = YearMonth(facts.today)
        let window = ResponseRateWarning.window(before: current)
        let threshold = try await CheckUpSettingsRepository.get(tx).settings.responseRateThresholdPercent
        let first = min(from, window[0]), last = max(to, window[2])
        let report = ResponseRateReport(rows: try await ResponseRateRepository.rows(tx, from: first, through: last, reach: identity.reach(.readCustomers)))
        let months = YearMonth.range(from, through: to)

        func group(_ key: ResponseRateReport.Group, id: UUID?, name: String?) -> Group {
            let monthly = report.monthly(key)
            let verdict = ResponseRateWarning.verdict(monthly: monthly, current: current, thresholdPercent: threshold)
            let state: (String, ResponseRate) = switch verdict {
            case .below(let rate): ("below", rate)
            case .fine(let rate): ("fine", rate)
            case .notEnoughSends(let rate): ("not_enough_sends", rate)
            }
            return Group(
                id: id, name: name, months: months.map { Figure(month: $0, rate: monthly[$0] ?? .zero) },
                verdict: Verdict(warning: verdict.isWarning, state: state.0, rate: state.1))
        }
        var keys: [(ResponseRateReport.Group, UUID?)] = []
        for key in report.groups {
            switch (key, grouping) {
            case (.csm(let id), .csm): keys.append((key, id))
            case (.company(let id), .company): keys.append((key, id))
            default: continue
            }
        }
        let names = try await RevenueRepository.names(tx, ids: keys.compactMap(\.1))
        return Report(
            from: from, to: to, grouping: grouping, thresholdPercent: threshold, window: window, org: group(.org, id: nil, name: nil),
            groups: keys.map { group($0.0, id: $0.1, name: $0.1.flatMap { names[$0] }) })
    }
}
