public import Domain
public import Foundation
public import Store

/// GRR and NRR reports (issue 13), computed the standard way by ``RetentionMetrics``: the cohort is the customers
/// with revenue in the window's start month, figures are per currency and never converted, and an org-wide
/// figure is given when one currency is used. Only customers whose values the caller sees (`contracts.read`)
/// count. Per CSM a customer belongs to its owner at the window's start (owner history); per company, team and
/// segment to where it sits now.
public struct RetentionReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public enum Grouping: String, Sendable, Codable, CaseIterable {
        case org, company, team, csm, segment

        var summedInDatabase: RetentionTotalsRepository.Grouping? {
            switch self {
            case .org: .org
            case .company: .company
            case .team: .team
            case .segment: .segment
            case .csm: nil
            }
        }

        var dimension: RetentionGrouping? {
            switch self {
            case .org: nil
            case .company: .company
            case .team: .team
            case .csm: .csm
            case .segment: .segment
            }
        }
    }

    public struct Filter: Sendable {
        public var companyID: UUID?
        public var teamID: UUID?
        /// Customers this CSM owned at the window's start.
        public var ownerID: UUID?
        public var segment: String?
        public init(companyID: UUID? = nil, teamID: UUID? = nil, ownerID: UUID? = nil, segment: String? = nil) {
            (self.companyID, self.teamID, self.ownerID, self.segment) = (companyID, teamID, ownerID, segment)
        }
    }

    /// A group of the report: `key` nil for the org, else the company, team, CSM or segment (`unattributed` for
    /// cohort customers with no value for the dimension).
    public struct Group: Sendable {
        public var key: RetentionGroupKey?
        public var name: String?
        public var figures: [RetentionFigure]
    }

    /// A breakdown line: a cohort customer's start and end revenue and what it did to the figure.
    public struct Line: Sendable {
        public var line: RetentionLine
        public var customerName: String
        public var group: RetentionGroupKey?
        /// Percentage points the customer adds to GRR − 100 and to NRR − 100 of its currency's org-wide figure.
        public var grrPoints: Double
        public var nrrPoints: Double
    }

    public struct Report: Sendable {
        public var window: RetentionWindow
        public var grouping: Grouping
        /// Per currency, org-wide (within the filters).
        public var figures: [RetentionFigure]
        /// The org-wide figure when every cohort customer pays in one currency.
        public var overall: RetentionFigure?
        public var groups: [Group]
        public var breakdown: [Line]?
    }

    public func report(window: RetentionWindow, grouping: Grouping, filter: Filter, breakdown: Bool) async throws -> Report {
        // Without lines to show, the database sums the figures (a few rows instead of every customer's revenue);
        // per CSM and per owner the attribution needs the owner history and stays here. Both give the same figures
        // (RetentionTotalsTests holds them to it).
        if !breakdown, filter.ownerID == nil, let summed = grouping.summedInDatabase {
            return try await summary(window: window, grouping: grouping, summed: summed, filter: filter)
        }
        // The owner at the start is looked up only when it is used: to group by CSM or to filter by one. An
        // org-wide figure without breakdown or owner filter needs no customer row at all (the revenue fetched is
        // already only that of the customers in scope): 10,000 rows fewer to send and decode.
        let needsOwner = grouping == .csm || filter.ownerID != nil
        let needsCustomers = grouping != .org || breakdown || filter.ownerID != nil
        let (customers, revenue) = try await inputs(
            months: [window.start, window.end], ownerOn: needsOwner ? window.start.firstDay : nil, filter: filter,
            withCustomers: needsCustomers)
        return try await build(window: window, grouping: grouping, customers: customers, revenue: revenue, breakdown: breakdown)
    }

    /// A trend point: the figures of the window ending in `month`.
    public struct TrendPoint: Sendable {
        public var window: RetentionWindow
        public var groups: [Group]
    }

    /// The rolling figure for each of the `months` months ending in `last`, each over a window of `length` months.
    public func trend(last: YearMonth, months: Int, length: Int, grouping: Grouping, filter: Filter) async throws -> [TrendPoint] {
        guard (1...36).contains(months) else { throw DomainError(.invalid, "months is 1 to 36", field: "months") }
        guard (1...36).contains(length) else { throw DomainError(.invalid, "window is 1 to 36 months", field: "window") }
        let ends = (0..<months).map { last.adding(months: $0 - months + 1) }
        let windows = ends.map { try! RetentionWindow(start: $0.adding(months: -length), end: $0) }
        let needed = Array(Set(windows.flatMap { [$0.start, $0.end] })).sorted()
        var everyOwner = filter
        everyOwner.ownerID = nil
        // Owners are looked up per window below when they are used (every window's own start), so none here.
        let (customers, revenue) = try await inputs(months: needed, ownerOn: nil, filter: everyOwner)
        let scope = revenueScope(filter)
        var points: [TrendPoint] = []
        for window in windows {
            var attributed = customers
            if grouping == .csm || filter.ownerID != nil {
                let owners = try await RevenueRepository.owners(tx, scope: scope, on: window.start.firstDay)
                for id in Array(attributed.keys) { attributed[id]?.ownerAtStart = owners[id] }
            }
            let kept = keep(attributed, filter: filter)
            let report = try await build(
                window: window, grouping: grouping, customers: kept, revenue: revenue.filter { kept.keys.contains($0.customerID) },
                breakdown: false)
            points.append(TrendPoint(window: window, groups: report.groups))
        }
        return points
    }

    // MARK: Internals

    func summary(
        window: RetentionWindow, grouping: Grouping, summed: RetentionTotalsRepository.Grouping, filter: Filter
    ) async throws -> Report {
        let rows = try await RetentionTotalsRepository.totals(tx, scope: revenueScope(filter), window: window, grouping: summed)
        func figures(_ rows: [RetentionTotalsRepository.Row]) -> [RetentionFigure] {
            rows.map { RetentionFigure(currency: $0.currency, window: window, totals: $0.totals) }.sorted { $0.currency < $1.currency }
        }
        let orgFigures = figures(rows.filter { $0.group == nil })
        let cohortCurrencies = orgFigures.filter { !$0.startRevenue.isZero }
        let overall = cohortCurrencies.count == 1 ? cohortCurrencies[0] : nil
        guard grouping != .org else {
            return Report(
                window: window, grouping: grouping, figures: orgFigures, overall: overall,
                groups: [Group(key: nil, name: nil, figures: orgFigures)], breakdown: nil)
        }
        var byKey: [RetentionGroupKey: [RetentionTotalsRepository.Row]] = [:]
        for row in rows {
            guard case .some(let text) = row.group else { continue }
            let key: RetentionGroupKey = switch (summed, text) {
            case (_, nil): .unattributed
            case (.company, let text?): UUID(uuidString: text).map(RetentionGroupKey.company) ?? .unattributed
            case (.team, let text?): UUID(uuidString: text).map(RetentionGroupKey.team) ?? .unattributed
            case (_, let text?): .segment(text)
            }
            byKey[key, default: []].append(row)
        }
        let names = try await RevenueRepository.names(tx, ids: byKey.keys.compactMap { key -> UUID? in
            switch key {
            case .company(let id), .team(let id), .csm(let id): id
            case .segment, .unattributed: nil
            }
        })
        let groups = byKey.map { key, rows in
            let name: String? = switch key {
            case .company(let id), .team(let id), .csm(let id): names[id]
            case .segment(let segment): segment
            case .unattributed: nil
            }
            return Group(key: key, name: name, figures: figures(rows))
        }
        .sorted { ($0.name ?? "\u{10FFFF}", Self.keyText($0.key)) < ($1.name ?? "\u{10FFFF}", Self.keyText($1.key)) }
        return Report(window: window, grouping: grouping, figures: orgFigures, overall: overall, groups: groups, breakdown: nil)
    }

    func revenueScope(_ filter: Filter) -> RevenueRepository.Scope {
        RevenueRepository.Scope(
            companyID: filter.companyID, teamID: filter.teamID, segment: filter.segment,
            reach: identity.reach(.readContractValues))
    }

    func keep(_ customers: [UUID: RevenueRepository.ScopedCustomer], filter: Filter) -> [UUID: RevenueRepository.ScopedCustomer] {
        guard let owner = filter.ownerID else { return customers }
        return customers.filter { $0.value.ownerAtStart == owner }
    }

    /// The customers in scope (none when `withCustomers` is false: then the revenue is taken as fetched, which is
    /// already only that of the customers in scope, and `filter.ownerID` must be nil) and their revenue of `months`.
    func inputs(months: [YearMonth], ownerOn: LocalDate?, filter: Filter, withCustomers: Bool = true) async throws
        -> ([UUID: RevenueRepository.ScopedCustomer], [MonthlyRevenue])
    {
        precondition(withCustomers || filter.ownerID == nil, "an owner filter needs the customers")
        let fetched = try await RevenueRepository.retentionInputs(
            tx, scope: revenueScope(filter), months: months, ownerOn: ownerOn, withCustomers: withCustomers)
        let revenue = ContractRevenue.monthly(contracts: fetched.contracts, snapshots: fetched.snapshots, months: months)
        guard withCustomers else { return ([:], revenue) }
        let customers = keep(Dictionary(fetched.customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }), filter: filter)
        return (customers, revenue.filter { customers[$0.customerID] != nil })
    }

    func build(
        window: RetentionWindow, grouping: Grouping, customers: [UUID: RevenueRepository.ScopedCustomer],
        revenue: [MonthlyRevenue], breakdown: Bool
    ) async throws -> Report {
        let figures = RetentionMetrics.compute(revenue, window: window)
        let cohortCurrencies = figures.filter { !$0.startRevenue.isZero }
        let overall = cohortCurrencies.count == 1 ? cohortCurrencies[0] : nil
        var groups: [Group]
        var groupOf: [UUID: RetentionGroupKey] = [:]
        if let dimension = grouping.dimension {
            var attribution: [UUID: RetentionAttribution] = [:]
            for (id, c) in customers {
                attribution[id] = RetentionAttribution(companyID: c.companyID, teamID: c.teamID, csmID: c.ownerAtStart, segment: c.segment)
            }
            let grouped = RetentionMetrics.compute(revenue, window: window, groupedBy: dimension, attributionAtStart: attribution)
            let ids = grouped.keys.compactMap { key -> UUID? in
                switch key {
                case .company(let id), .team(let id), .csm(let id): id
                case .segment, .unattributed: nil
                }
            }
            let names = try await RevenueRepository.names(tx, ids: ids)
            groups = grouped.map { key, figures in
                let name: String? = switch key {
                case .company(let id), .team(let id), .csm(let id): names[id]
                case .segment(let segment): segment
                case .unattributed: nil
                }
                return Group(key: key, name: name, figures: figures)
            }
            .sorted { ($0.name ?? "\u{10FFFF}", Self.keyText($0.key)) < ($1.name ?? "\u{10FFFF}", Self.keyText($1.key)) }
            for group in groups { for figure in group.figures { for line in figure.lines { groupOf[line.customerID] = group.key } } }
        } else {
            groups = [Group(key: nil, name: nil, figures: figures)]
        }
        var lines: [Line]?
        if breakdown {
            lines = figures.flatMap { figure in
                let denominator = Double(figure.startRevenue.minorUnits)
                return figure.lines.map { line in
                    Line(
                        line: line, customerName: customers[line.customerID]?.name ?? "", group: groupOf[line.customerID],
                        grrPoints: denominator > 0 ? Double((line.retained - line.start).minorUnits) * 100 / denominator : 0,
                        nrrPoints: denominator > 0 ? Double(line.change.minorUnits) * 100 / denominator : 0)
                }
            }
        }
        return Report(window: window, grouping: grouping, figures: figures, overall: overall, groups: groups, breakdown: lines)
    }

    /// A group key as text: the id, the segment, or `unattributed` (nil: the org).
    public static func keyText(_ key: RetentionGroupKey?) -> String {
        switch key {
        case nil: "org"
        case .company(let id)?, .team(let id)?, .csm(let id)?: id.uuidString.lowercased()
        case .segment(let segment)?: segment
        case .unattributed?: "unattributed"
        }
    }
}
