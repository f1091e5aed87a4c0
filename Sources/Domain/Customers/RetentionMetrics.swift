public import Foundation

/// A GRR/NRR window: the cohort is taken in `start`'s month and measured again in `end`'s month.
public struct RetentionWindow: Hashable, Sendable, Codable {
    public let start: YearMonth
    public let end: YearMonth

    /// `end` must not be before `start` (`DomainError(.invalid, field: "window")`); a window of one month is
    /// allowed and retains 100 % by definition.
    public init(start: YearMonth, end: YearMonth) throws {
        guard start <= end else {
            throw DomainError(.invalid, "the window ends (\(end)) before it starts (\(start))", field: "window")
        }
        self.init(checkedStart: start, end: end)
    }

    init(checkedStart start: YearMonth, end: YearMonth) {
        self.start = start
        self.end = end
    }

    /// The usual trailing-twelve-months window ending in `end`: the cohort is twelve months earlier.
    public static func trailingYear(endingIn end: YearMonth) -> RetentionWindow {
        RetentionWindow(checkedStart: end.adding(months: -12), end: end)
    }
}

/// How a cohort customer's revenue moved between the window's start and end month.
public enum RetentionMovement: String, Hashable, Sendable, Codable, CaseIterable {
    /// No revenue in the end month.
    case churned
    /// Less than at the start, but some.
    case contracted
    /// Exactly the start revenue.
    case flat
    /// More than at the start.
    case expanded
}

/// One cohort customer's part in the figure: what it paid at the start and the end, and what it adds to the
/// numerators. This is the breakdown that explains a GRR or NRR.
public struct RetentionLine: Hashable, Sendable, Codable {
    public let customerID: UUID
    public let start: Money
    public let end: Money
    public let movement: RetentionMovement
    /// `min(end, start)`: what the customer adds to GRR's numerator (contraction and churn count, expansion does not).
    public let retained: Money
    /// `end − start`: negative for churn and contraction, positive for expansion; what moved NRR.
    public let change: Money
}

/// GRR and NRR of one currency for one window (and one group, when grouped).
public struct RetentionFigure: Hashable, Sendable, Codable {
    public let currency: CurrencyCode
    public let window: RetentionWindow
    /// Σ start revenue of the cohort: both ratios' denominator.
    public let startRevenue: Money
    /// Σ min(end, start): GRR's numerator.
    public let retainedRevenue: Money
    /// Σ end revenue of the cohort: NRR's numerator.
    public let endRevenue: Money
    /// Revenue lost to customers at zero in the end month (a positive amount).
    public let churn: Money
    /// Revenue lost to customers paying less but not zero (a positive amount).
    public let contraction: Money
    /// Revenue gained from customers paying more (a positive amount).
    public let expansion: Money
    /// `retained / start` (1.0 = 100 %); `nil` for an empty cohort — there is nothing to retain, which is neither
    /// 0 % nor 100 %, and `nil` cannot be averaged into a chart by mistake the way NaN can.
    public let grr: Double?
    /// `end / start`; `nil` for an empty cohort.
    public let nrr: Double?
    /// Every cohort customer, biggest loss first (then by id), so a report lists what cost the most on top.
    public let lines: [RetentionLine]
    /// Customers with revenue in the end month but none in the start month: left out of both ratios (new business
    /// is not retention), listed so a reader can see why a growing book shows a flat NRR.
    public let excludedNewCustomers: [UUID]
    /// How many customers are in the cohort and how many came in new; equal to `lines.count` and
    /// `excludedNewCustomers.count` when those lists are there (a summary leaves them empty).
    public let cohortSize: Int
    public let newCustomerCount: Int

    /// A figure from its totals alone, without the per-customer lists (``RetentionTotals`` summed them elsewhere,
    /// e.g. in the database).
    public init(currency: CurrencyCode, window: RetentionWindow, totals: RetentionTotals) {
        let denominator = Double(totals.start.minorUnits)
        let cohortEmpty = totals.start.isZero
        self.init(
            currency: currency, window: window, startRevenue: totals.start, retainedRevenue: totals.retained,
            endRevenue: totals.end, churn: totals.churn, contraction: totals.contraction, expansion: totals.expansion,
            grr: cohortEmpty ? nil : Double(totals.retained.minorUnits) / denominator,
            nrr: cohortEmpty ? nil : Double(totals.end.minorUnits) / denominator,
            lines: [], excludedNewCustomers: [], cohortSize: totals.cohortSize, newCustomerCount: totals.newCustomers)
    }

    init(
        currency: CurrencyCode, window: RetentionWindow, startRevenue: Money, retainedRevenue: Money, endRevenue: Money,
        churn: Money, contraction: Money, expansion: Money, grr: Double?, nrr: Double?, lines: [RetentionLine],
        excludedNewCustomers: [UUID], cohortSize: Int, newCustomerCount: Int
    ) {
        (self.currency, self.window, self.startRevenue, self.retainedRevenue, self.endRevenue) =
            (currency, window, startRevenue, retainedRevenue, endRevenue)
        (self.churn, self.contraction, self.expansion, self.grr, self.nrr) = (churn, contraction, expansion, grr, nrr)
        (self.lines, self.excludedNewCustomers, self.cohortSize, self.newCustomerCount) =
            (lines, excludedNewCustomers, cohortSize, newCustomerCount)
    }
}

/// The sums a figure is made of, for one currency (and group): what ``RetentionMetrics`` adds up customer by
/// customer, given whole.
public struct RetentionTotals: Hashable, Sendable {
    public var start: Money
    public var retained: Money
    public var end: Money
    public var churn: Money
    public var contraction: Money
    public var expansion: Money
    public var cohortSize: Int
    public var newCustomers: Int

    public init(
        start: Money, retained: Money, end: Money, churn: Money, contraction: Money, expansion: Money, cohortSize: Int,
        newCustomers: Int
    ) {
        (self.start, self.retained, self.end, self.churn, self.contraction, self.expansion) =
            (start, retained, end, churn, contraction, expansion)
        (self.cohortSize, self.newCustomers) = (cohortSize, newCustomers)
    }
}

/// The dimension GRR/NRR is grouped by (issue 13: per company, team, CSM or segment).
public enum RetentionGrouping: String, Hashable, Sendable, Codable, CaseIterable {
    case company, team, csm, segment
}

/// Where a customer sat at the window's start month. Customers are attributed at the start — a customer moved
/// from one CSM to another during the window counts for the CSM who had it when the window opened, who is
/// accountable for what happened to it (issue 13; transfers keep owner history for this).
public struct RetentionAttribution: Hashable, Sendable, Codable {
    public var companyID: UUID?
    public var teamID: UUID?
    public var csmID: UUID?
    public var segment: String?

    public init(companyID: UUID? = nil, teamID: UUID? = nil, csmID: UUID? = nil, segment: String? = nil) {
        self.companyID = companyID
        self.teamID = teamID
        self.csmID = csmID
        self.segment = segment
    }
}

/// A group of a grouped GRR/NRR. Cohort customers with no value for the dimension go to `unattributed`, so the
/// groups always add up to the org-wide figure.
public enum RetentionGroupKey: Hashable, Sendable, Codable {
    case company(UUID)
    case team(UUID)
    case csm(UUID)
    case segment(String)
    case unattributed
}

/// Gross and net revenue retention, the standard way (issue 13, DESIGN §2):
///
/// - cohort = customers with revenue > 0 in the window's start month;
/// - end revenue = their revenue in the window's end month (0 when they have none — churn);
/// - GRR = Σ min(end, start) / Σ start — capped per customer, so expansion cannot hide churn;
/// - NRR = Σ end / Σ start — expansion counts;
/// - customers who came in during the window are excluded from both.
///
/// Every figure is per currency and nothing is converted: a customer paying in two currencies is in each
/// currency's cohort with that currency's revenue. The months between start and end do not matter — a customer
/// that churned and came back is measured by its end month only, as the standard definition has it.
public enum RetentionMetrics {
    /// One figure per currency that has revenue in the window's start or end month, ordered by currency code. A
    /// currency with end revenue but an empty cohort has a figure with `nil` ratios, so a report can say so.
    public static func compute(_ revenue: [MonthlyRevenue], window: RetentionWindow) -> [RetentionFigure] {
        let (start, end) = endpoints(revenue, window: window)
        let currencies = Set(start.keys.map(\.currency)).union(end.keys.map(\.currency))
        return currencies.sorted().map { currency in
            figure(currency: currency, window: window, start: start, end: end, include: { _ in true })
        }
    }

    /// GRR/NRR per group of `grouping`, customers attributed as they were at the window's start
    /// (`attributionAtStart`; a cohort customer missing from it is `unattributed`). New customers are listed
    /// under the group they are attributed to, if any. Groups with neither cohort nor new customers are absent.
    public static func compute(
        _ revenue: [MonthlyRevenue], window: RetentionWindow,
        groupedBy grouping: RetentionGrouping, attributionAtStart: [UUID: RetentionAttribution]
    ) -> [RetentionGroupKey: [RetentionFigure]] {
        let (start, end) = endpoints(revenue, window: window)
        func key(_ customer: UUID) -> RetentionGroupKey {
            let attribution = attributionAtStart[customer]
            switch grouping {
            case .company: return attribution?.companyID.map(RetentionGroupKey.company) ?? .unattributed
            case .team: return attribution?.teamID.map(RetentionGroupKey.team) ?? .unattributed
            case .csm: return attribution?.csmID.map(RetentionGroupKey.csm) ?? .unattributed
            case .segment: return attribution?.segment.map(RetentionGroupKey.segment) ?? .unattributed
            }
        }
        // The endpoints are split by group once, so the work stays linear in the customers however many groups
        // there are (not groups × customers).
        var startByGroup: [RetentionGroupKey: [CustomerCurrency: Money]] = [:]
        var endByGroup: [RetentionGroupKey: [CustomerCurrency: Money]] = [:]
        var currenciesByGroup: [RetentionGroupKey: Set<CurrencyCode>] = [:]
        for (pair, amount) in start {
            let group = key(pair.customer)
            startByGroup[group, default: [:]][pair] = amount
            currenciesByGroup[group, default: []].insert(pair.currency)
        }
        for (pair, amount) in end {
            let group = key(pair.customer)
            endByGroup[group, default: [:]][pair] = amount
            currenciesByGroup[group, default: []].insert(pair.currency)
        }
        var result: [RetentionGroupKey: [RetentionFigure]] = [:]
        for (group, currencies) in currenciesByGroup {
            let groupStart = startByGroup[group] ?? [:]
            let groupEnd = endByGroup[group] ?? [:]
            result[group] = currencies.sorted().map { currency in
                figure(currency: currency, window: window, start: groupStart, end: groupEnd, include: { _ in true })
            }
        }
        return result
    }

    // MARK: Internals

    struct CustomerCurrency: Hashable { var customer: UUID; var currency: CurrencyCode }

    /// Positive revenue per customer and currency in the start and in the end month (rows summed).
    static func endpoints(
        _ revenue: [MonthlyRevenue], window: RetentionWindow
    ) -> (start: [CustomerCurrency: Money], end: [CustomerCurrency: Money]) {
        var start: [CustomerCurrency: Money] = [:]
        var end: [CustomerCurrency: Money] = [:]
        start.reserveCapacity(revenue.count / 2)
        end.reserveCapacity(revenue.count / 2)
        for row in revenue {
            let key = CustomerCurrency(customer: row.customerID, currency: row.amount.currency)
            if row.month == window.start { start[key, default: .zero(row.amount.currency)] += row.amount }
            if row.month == window.end { end[key, default: .zero(row.amount.currency)] += row.amount }
        }
        return (start.filter { $0.value.isPositive }, end.filter { $0.value.isPositive })
    }

    static func figure(
        currency: CurrencyCode, window: RetentionWindow,
        start: [CustomerCurrency: Money], end: [CustomerCurrency: Money], include: (UUID) -> Bool
    ) -> RetentionFigure {
        let zero = Money.zero(currency)
        var lines: [RetentionLine] = []
        var totals = (start: zero, retained: zero, end: zero, churn: zero, contraction: zero, expansion: zero)
        for (key, startAmount) in start where key.currency == currency && include(key.customer) {
            let endAmount = end[key] ?? zero
            let movement: RetentionMovement =
                endAmount.isZero ? .churned
                : endAmount < startAmount ? .contracted
                : endAmount == startAmount ? .flat : .expanded
            let line = RetentionLine(
                customerID: key.customer, start: startAmount, end: endAmount, movement: movement,
                retained: Money.min(startAmount, endAmount), change: endAmount - startAmount)
            lines.append(line)
            totals.start += startAmount
            totals.retained += line.retained
            totals.end += endAmount
            switch movement {
            case .churned: totals.churn += startAmount
            case .contracted: totals.contraction -= line.change
            case .flat: break
            case .expanded: totals.expansion += line.change
            }
        }
        // Biggest loss first, then by id as its `uuidString` orders (``RetentionOrder``: no string per comparison).
        lines = lines
            .map { (order: RetentionOrder($0.customerID), line: $0) }
            .sorted { a, b in
                a.line.change.minorUnits != b.line.change.minorUnits
                    ? a.line.change.minorUnits < b.line.change.minorUnits : a.order < b.order
            }
            .map(\.line)
        let newCustomers = end.keys
            .filter { $0.currency == currency && start[$0] == nil && include($0.customer) }
            .map { (order: RetentionOrder($0.customer), id: $0.customer) }
            .sorted { $0.order < $1.order }
            .map(\.id)
        let denominator = Double(totals.start.minorUnits)
        let cohortEmpty = totals.start.isZero
        return RetentionFigure(
            currency: currency, window: window, startRevenue: totals.start, retainedRevenue: totals.retained,
            endRevenue: totals.end, churn: totals.churn, contraction: totals.contraction,
            expansion: totals.expansion,
            grr: cohortEmpty ? nil : Double(totals.retained.minorUnits) / denominator,
            nrr: cohortEmpty ? nil : Double(totals.end.minorUnits) / denominator,
            lines: lines, excludedNewCustomers: newCustomers, cohortSize: lines.count, newCustomerCount: newCustomers.count)
    }
}
