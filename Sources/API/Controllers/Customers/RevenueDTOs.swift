import Domain
import Foundation
import Store
import UseCases

/// An amount of money as the API writes and reads it: minor units (yen, cents) and the ISO 4217 code.
struct MoneyDTO: Codable, Sendable {
    var amountMinor: Int64
    var currency: String

    init(_ money: Money) {
        amountMinor = money.minorUnits
        currency = money.currency.rawValue
    }

    /// The amount as a `Money`, or 422 naming `field`.
    func money(field: String) throws -> Money {
        guard amountMinor >= 0 else { throw Problem.invalidField("\(field).amount_minor", "an amount is a non-negative integer of minor units") }
        guard let code = try? CurrencyCode(currency) else {
            throw Problem.invalidField("\(field).currency", "a currency is a three-letter ISO 4217 code such as JPY or USD")
        }
        return Money(minorUnits: amountMinor, currency: code)
    }

    static let schema = Schema.object(
        ["amount_minor": ["type": "integer", "minimum": 0], "currency": ["type": "string", "pattern": "^[A-Z]{3}$"]],
        required: ["amount_minor", "currency"])
}

/// A contract as the API shows it, with its notice deadline and MRR.
struct ContractDTO: Codable, Sendable, Versioned {
    var id: UUID
    var customerID: UUID
    var externalID: String?
    var name: String?
    var arr: MoneyDTO
    var mrr: MoneyDTO
    var startDate: LocalDate
    var endDate: LocalDate
    var autoRenews: Bool
    var noticeDays: Int?
    var noticeMonths: Int?
    /// The last day to give notice (解約予告期限); the end date when the contract does not renew by itself.
    var noticeDeadline: LocalDate
    var status: Contract.Status
    var renewalOutcome: RenewalOutcome?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ c: Contract) {
        (id, customerID, externalID, name) = (c.id, c.customerID, c.externalID, c.name)
        (arr, mrr, startDate, endDate, autoRenews) = (MoneyDTO(c.arr), MoneyDTO(c.mrr), c.startDate, c.endDate, c.autoRenews)
        (noticeDays, noticeMonths, noticeDeadline) = (c.noticeDays, c.noticeMonths, c.noticeDeadline)
        (status, renewalOutcome, createdAt, updatedAt, version) = (c.status, c.renewalOutcome, c.createdAt, c.updatedAt, c.version)
    }

    static let schema = Schema.of(ContractDTO.self)
}

/// A stored revenue snapshot.
struct RevenueSnapshotDTO: Codable, Sendable {
    var customerID: UUID
    var month: String
    var amount: MoneyDTO
    var source: String
    var createdAt: Date

    init(_ s: RevenueRepository.Snapshot) {
        (customerID, month, amount, source, createdAt) = (s.customerID, s.month.description, MoneyDTO(s.amount), s.source, s.createdAt)
    }
}

/// A customer's monthly revenue series.
struct RevenueSeriesDTO: Codable, Sendable {
    struct Month: Codable, Sendable {
        var month: String
        /// `snapshot` when an imported or API snapshot gives the month, else `contracts`.
        var source: Revenue.Source
        /// Every currency paid that month; empty when none.
        var revenue: [MoneyDTO]
    }
    var customerID: UUID
    var from: String
    var to: String
    var months: [Month]
}

/// GRR/NRR of one currency.
struct RetentionFigureDTO: Codable, Sendable {
    var currency: String
    var startMonth: String
    var endMonth: String
    var startRevenue: MoneyDTO
    var retainedRevenue: MoneyDTO
    var endRevenue: MoneyDTO
    var churn: MoneyDTO
    var contraction: MoneyDTO
    var expansion: MoneyDTO
    /// In percent (92.5); null for an empty cohort.
    var grr: Double?
    var nrr: Double?
    var cohortSize: Int
    /// Customers with revenue at the end but none at the start: new business, left out of both ratios.
    var newCustomers: Int

    init(_ f: RetentionFigure) {
        (currency, startMonth, endMonth) = (f.currency.rawValue, f.window.start.description, f.window.end.description)
        (startRevenue, retainedRevenue, endRevenue) = (MoneyDTO(f.startRevenue), MoneyDTO(f.retainedRevenue), MoneyDTO(f.endRevenue))
        (churn, contraction, expansion) = (MoneyDTO(f.churn), MoneyDTO(f.contraction), MoneyDTO(f.expansion))
        grr = f.grr.map { $0 * 100 }
        nrr = f.nrr.map { $0 * 100 }
        (cohortSize, newCustomers) = (f.cohortSize, f.newCustomerCount)
    }
}

struct RetentionGroupDTO: Codable, Sendable {
    /// `org`, the company/team/CSM id, the segment, or `unattributed`.
    var key: String
    var name: String?
    var figures: [RetentionFigureDTO]

    init(_ g: RetentionReports.Group) {
        key = RetentionReports.keyText(g.key)
        name = g.name
        figures = g.figures.map(RetentionFigureDTO.init)
    }
}

struct RetentionLineDTO: Codable, Sendable {
    enum Movement: String, Codable, Sendable, CaseIterable { case retained, expanded, contracted, churned }
    var customerID: UUID
    var customerName: String
    var group: String?
    var currency: String
    var startRevenue: MoneyDTO
    var endRevenue: MoneyDTO
    var movement: Movement
    var change: MoneyDTO
    /// Percentage points the customer adds to GRR − 100 and to NRR − 100 of its currency's figure.
    var grrContribution: Double
    var nrrContribution: Double

    init(_ l: RetentionReports.Line, grouped: Bool) {
        (customerID, customerName) = (l.line.customerID, l.customerName)
        group = grouped ? RetentionReports.keyText(l.group) : nil
        currency = l.line.start.currency.rawValue
        (startRevenue, endRevenue, change) = (MoneyDTO(l.line.start), MoneyDTO(l.line.end), MoneyDTO(l.line.change))
        movement = switch l.line.movement {
        case .flat: .retained
        case .expanded: .expanded
        case .contracted: .contracted
        case .churned: .churned
        }
        (grrContribution, nrrContribution) = (l.grrPoints, l.nrrPoints)
    }
}

struct RetentionReportDTO: Codable, Sendable {
    var start: String
    var end: String
    var groupBy: RetentionReports.Grouping
    /// Org-wide within the filters, per currency (never converted).
    var figures: [RetentionFigureDTO]
    /// The org-wide figure when the cohort pays in one currency; null otherwise.
    var overall: RetentionFigureDTO?
    var groups: [RetentionGroupDTO]
    /// With `breakdown=true`: every cohort customer, biggest loss first.
    var breakdown: [RetentionLineDTO]?
    /// How customers are attributed to groups.
    var attribution: String

    init(_ r: RetentionReports.Report) {
        (start, end, groupBy) = (r.window.start.description, r.window.end.description, r.grouping)
        figures = r.figures.map(RetentionFigureDTO.init)
        overall = r.overall.map(RetentionFigureDTO.init)
        groups = r.groups.map(RetentionGroupDTO.init)
        breakdown = r.breakdown?.map { RetentionLineDTO($0, grouped: r.grouping != .org) }
        attribution = "csm: the owner at the window's start (owner history); company, team, segment: where the customer sits now"
    }
}

struct RetentionTrendDTO: Codable, Sendable {
    struct Point: Codable, Sendable {
        var month: String
        var start: String
        var groups: [RetentionGroupDTO]
    }
    var groupBy: RetentionReports.Grouping
    var window: Int
    var points: [Point]
}

struct NPSResponseDTO: Codable, Sendable {
    var id: UUID
    var customerID: UUID
    var contactID: UUID?
    var externalID: String?
    var score: Int
    var category: NPS.Category
    var comment: String?
    var respondent: String?
    var respondedOn: LocalDate
    var channel: NPSResponse.Channel
    var createdAt: Date

    init(_ r: NPSResponse) {
        (id, customerID, contactID, externalID, score, category) = (r.id, r.customerID, r.contactID, r.externalID, r.score, r.category)
        (comment, respondent, respondedOn, channel, createdAt) = (r.comment, r.respondent, r.respondedOn, r.channel, r.createdAt)
    }

    static let schema = Schema.of(NPSResponseDTO.self)
}

struct NPSGroupDTO: Codable, Sendable {
    var key: String
    var name: String?
    var promoters: Int
    var passives: Int
    var detractors: Int
    var responses: Int
    /// % promoters − % detractors; null when nobody answered (never 0).
    var nps: Double?

    init(_ g: NPSResponses.Group) {
        (key, name) = (g.key ?? "org", g.name)
        (promoters, passives, detractors, responses, nps) = (g.nps.promoters, g.nps.passives, g.nps.detractors, g.nps.responses, g.nps.score)
    }
}

struct NPSReportDTO: Codable, Sendable {
    var from: LocalDate
    var to: LocalDate
    var groupBy: String
    var groups: [NPSGroupDTO]
}

struct RenewalDTO: Codable, Sendable {
    struct CustomerSummary: Codable, Sendable {
        var id: UUID
        var name: String
        var ownerID: UUID?
        var ownerName: String?
        var phase: LifecyclePhase
        var healthGrade: HealthGrade?
        var healthTotal: Double?
    }
    var contractID: UUID
    var contractName: String?
    var customer: CustomerSummary
    var endDate: LocalDate
    var autoRenews: Bool
    var noticeDeadline: LocalDate
    var daysLeft: Int
    /// Only for readers of contract values (never support).
    var arr: MoneyDTO?
    var openCriticalTickets: Int
    var latestNPS: Int?
    var latestNPSOn: LocalDate?

    init(_ i: Renewals.Item) {
        let u = i.upcoming
        (contractID, contractName, endDate, autoRenews) = (u.contract.id, u.contract.name, u.contract.endDate, u.contract.autoRenews)
        customer = CustomerSummary(
            id: u.contract.customerID, name: u.customerName, ownerID: u.ownerID, ownerName: u.ownerName, phase: u.phase,
            healthGrade: u.healthGrade, healthTotal: u.healthTotal)
        (noticeDeadline, daysLeft, arr) = (i.noticeDeadline, i.daysLeft, i.arr.map(MoneyDTO.init))
        (openCriticalTickets, latestNPS, latestNPSOn) = (u.openCriticalTickets, u.latestNPS, u.latestNPSOn)
    }
}

struct RenewalListDTO: Codable, Sendable {
    var today: LocalDate
    var withinDays: Int
    var items: [RenewalDTO]
    var nextCursor: String?
}

struct RenewalOutcomeDTO: Codable, Sendable {
    var contract: ContractDTO
    var renewedContract: ContractDTO?
}

struct BoundValueDTO: Codable, Sendable {
    var goalID: UUID
    var metric: BoundMetric
    var period: String
    var periodStart: LocalDate
    var periodEnd: LocalDate
    /// In `unit`: percent, NPS points, or a count for a behaviour; null when there is nothing to measure.
    var value: Double?
    /// `%`, `pt` or `count`.
    var unit: String
    var checkInID: UUID?
    var written: Bool

    init(_ r: BoundMetrics.Result) {
        (goalID, metric, period, periodStart, periodEnd) = (r.goalID, r.metric, r.period.description, r.period.start, r.period.end)
        unit = r.metric.unit
        (value, checkInID, written) = (r.value, r.checkIn?.id, r.written)
    }
}
