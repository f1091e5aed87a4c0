import Domain
import Foundation
import Store
import UseCases
import Hummingbird

/// A support ticket as the API shows it.
struct TicketDTO: Codable, Sendable, Versioned {
    var id: UUID
    var customerId: UUID
    /// In lists only: the customer's name.
    var customerName: String?
    var source: String
    var externalId: String?
    var title: String
    var priority: Ticket.Priority
    var product: String?
    var status: Ticket.Status
    var openedAt: Date
    var firstResponseAt: Date?
    var resolvedAt: Date?
    var reopenCount: Int
    var csat: Int?
    var phaseAtOpen: LifecyclePhase
    var expansionSignal: Bool
    var expansionNote: String?
    var handoffId: UUID?
    var problemId: UUID?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ t: Ticket, customerName: String? = nil) {
        (id, customerId, self.customerName, source, externalId, title) = (t.id, t.customerID, customerName, t.source, t.externalID, t.title)
        (priority, product, status, openedAt, firstResponseAt, resolvedAt) = (t.priority, t.product, t.status, t.openedAt, t.firstResponseAt, t.resolvedAt)
        (reopenCount, csat, phaseAtOpen, expansionSignal, expansionNote) = (t.reopenCount, t.csat, t.phaseAtOpen, t.expansionSignal, t.expansionNote)
        (handoffId, problemId, createdAt, updatedAt, version) = (t.handoffID, t.problemID, t.createdAt, t.updatedAt, t.version)
    }

    init(_ listed: TicketRepository.Listed) { self.init(listed.ticket, customerName: listed.customerName) }

    static let schema = Schema.of(TicketDTO.self)
}

/// What flagging an expansion signal answers: the ticket and the hand-off it created.
struct ExpansionSignalDTO: Codable, Sendable, Versioned {
    var ticket: TicketDTO
    var handoff: Accountability
    var version: Int { ticket.version }

    static let schema = Schema.of(ExpansionSignalDTO.self)
}

/// A problem record as lists show it: the record and its counts.
struct ProblemSummaryDTO: Codable, Sendable, Versioned {
    var id: UUID
    var title: String
    var description: String?
    var containment: String?
    var rootCause: String?
    var correctiveAction: String?
    var preventiveAction: String?
    var ownerId: UUID?
    var status: ProblemRecord.Status
    /// The status's place in open → contained → corrected → closed (0–3).
    var statusOrder: Int
    var companyId: UUID?
    var createdBy: UUID?
    var closedAt: Date?
    var ticketCount: Int
    var openTicketCount: Int
    var customerCount: Int
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ p: ProblemRecord, counts: ProblemRepository.Counts) {
        (id, title, description, containment, rootCause) = (p.id, p.title, p.description, p.containment, p.rootCause)
        (correctiveAction, preventiveAction, ownerId, status, statusOrder) = (p.correctiveAction, p.preventiveAction, p.ownerID, p.status, p.status.order)
        (companyId, createdBy, closedAt) = (p.companyID, p.createdByID, p.closedAt)
        (ticketCount, openTicketCount, customerCount) = (counts.tickets, counts.openTickets, counts.customers)
        (createdAt, updatedAt, version) = (p.createdAt, p.updatedAt, p.version)
    }

    init(_ listed: ProblemRepository.Listed) { self.init(listed.problem, counts: listed.counts) }

    static let schema = Schema.of(ProblemSummaryDTO.self)
}

/// A customer a problem affects.
struct AffectedCustomerDTO: Codable, Sendable {
    var id: UUID
    var name: String
    /// Through one of the problem's tickets.
    var viaTickets: Bool
    /// Added to the problem by hand.
    var explicit: Bool
    var ticketCount: Int
    var openTicketCount: Int

    init(_ c: ProblemRepository.AffectedCustomer) {
        (id, name, viaTickets, explicit, ticketCount, openTicketCount) = (c.id, c.name, c.viaTickets, c.explicit, c.tickets, c.openTickets)
    }
}

/// A problem record with its linked tickets (the latest 200 the reader sees; `GET /v1/tickets?problem_id=` lists
/// them all) and the customers it affects (those of its tickets ∪ those added by hand).
struct ProblemDTO: Codable, Sendable, Versioned {
    var id: UUID
    var title: String
    var description: String?
    var containment: String?
    var rootCause: String?
    var correctiveAction: String?
    var preventiveAction: String?
    var ownerId: UUID?
    var status: ProblemRecord.Status
    var statusOrder: Int
    var companyId: UUID?
    var createdBy: UUID?
    var closedAt: Date?
    var ticketCount: Int
    var openTicketCount: Int
    var customerCount: Int
    var tickets: [TicketDTO]
    var customers: [AffectedCustomerDTO]
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ d: Problems.Detail) {
        let s = ProblemSummaryDTO(d.problem, counts: d.counts)
        (id, title, description, containment, rootCause) = (s.id, s.title, s.description, s.containment, s.rootCause)
        (correctiveAction, preventiveAction, ownerId, status, statusOrder) = (s.correctiveAction, s.preventiveAction, s.ownerId, s.status, s.statusOrder)
        (companyId, createdBy, closedAt) = (s.companyId, s.createdBy, s.closedAt)
        (ticketCount, openTicketCount, customerCount) = (s.ticketCount, s.openTicketCount, s.customerCount)
        tickets = d.tickets.map(TicketDTO.init)
        customers = d.customers.map(AffectedCustomerDTO.init)
        (createdAt, updatedAt, version) = (s.createdAt, s.updatedAt, s.version)
    }

    static let schema = Schema.of(ProblemDTO.self)
}

/// A timeline entry as the API shows it.
struct TimelineEntryDTO: Codable, Sendable, Versioned {
    var id: UUID
    var customerId: UUID
    /// In lists and search: the customer's name.
    var customerName: String?
    var kind: TimelineEntry.Kind
    /// Whether only the system writes this kind (such entries cannot be edited).
    var system: Bool
    var successTag: TimelineEntry.SuccessTag?
    var authorId: UUID?
    var occurredAt: Date
    var title: String
    var body: String?
    var subjectType: String?
    var subjectId: UUID?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ e: TimelineEntry, customerName: String? = nil) {
        (id, customerId, self.customerName, kind, system, successTag) = (e.id, e.customerID, customerName, e.kind, e.kind.isSystem, e.successTag)
        (authorId, occurredAt, title, body, subjectType, subjectId) = (e.authorID, e.occurredAt, e.title, e.body, e.subjectType, e.subjectID)
        (createdAt, updatedAt, version) = (e.createdAt, e.updatedAt, e.version)
    }

    init(_ listed: TimelineRepository.Listed) { self.init(listed.entry, customerName: listed.customerName) }

    static let schema = Schema.of(TimelineEntryDTO.self)
}

/// The support report.
struct TicketReportDTO: Codable, Sendable {
    struct Spread: Codable, Sendable {
        var medianHours: Double
        var p90Hours: Double
        /// How many tickets the figures are over.
        var count: Int
    }

    struct Group: Codable, Sendable {
        /// The priority, product or phase; absent for tickets without a product, and on the total.
        var key: String?
        var opened: Int
        var resolved: Int
        var firstResponse: Spread?
        var resolution: Spread?
        var backlog: Int
        var csatAverage: Double?
        var csatCount: Int
        var reopened: Int
        /// Reopened ÷ opened (0–1); absent when none opened.
        var reopenRate: Double?

        init(_ row: TicketMetricsRepository.Row) {
            func spread(_ s: TicketMetrics.Spread?) -> Spread? { s.map { Spread(medianHours: $0.median, p90Hours: $0.p90, count: $0.count) } }
            (key, opened, resolved, firstResponse, resolution) = (row.key, row.opened, row.resolved, spread(row.firstResponse), spread(row.resolution))
            (backlog, csatAverage, csatCount, reopened) = (row.backlog, row.csatAverage, row.csatCount, row.reopened)
            reopenRate = TicketMetrics.rate(row.reopened, of: row.opened)
        }
    }

    var from: LocalDate
    var to: LocalDate
    var groupBy: String
    var groups: [Group]
    var total: Group

    init(_ r: TicketReports.Report) {
        (from, to, groupBy) = (r.from, r.to, r.groupBy.rawValue)
        groups = r.groups.map(Group.init)
        total = Group(
            r.total ?? TicketMetricsRepository.Row(
                key: nil, isTotal: true, opened: 0, resolved: 0, firstResponse: nil, resolution: nil, backlog: 0,
                csatAverage: nil, csatCount: 0, reopened: 0))
    }

    static let schema = Schema.of(TicketReportDTO.self, refining: ["group_by": Schema.enumeration(TicketMetricsRepository.Grouping.self)])
}

/// The support part's query parameters beyond `ListQuery`'s.
enum SupportQuery {
    /// A repeatable query parameter of a closed list (`status=open&status=pending`, or `status=open,pending`), or
    /// 422 naming it; nil when absent.
    static func enums<E: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, _: E.Type, single: Bool = false) throws -> [E]?
    where E.RawValue == String {
        let raw = request.uri.queryParameters[values: name[...]]
        guard !raw.isEmpty else { return nil }
        let parts = raw.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let choices = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard !single || parts.count == 1 else { throw Problem.invalidField(name, "\(name) is one of \(choices)") }
        return try parts.map { part in
            guard let value = E(rawValue: String(part)) else { throw Problem.invalidField(name, "\(name) is one of \(choices)") }
            return value
        }
    }

    /// A `true`/`false` query parameter, or 422 naming it; nil when absent.
    static func bool(_ request: Request, _ name: String) throws -> Bool? {
        guard let raw = request.uri.queryParameters[name[...]] else { return nil }
        switch raw {
        case "true": return true
        case "false": return false
        default: throw Problem.invalidField(name, "\(name) is true or false")
        }
    }

    /// A `YYYY-MM-DD` query parameter, or 422 naming it; nil when absent.
    static func date(_ request: Request, _ name: String) throws -> LocalDate? {
        guard let raw = request.uri.queryParameters[name[...]] else { return nil }
        guard let date = LocalDate(iso: String(raw)) else { throw Problem.invalidField(name, "\(name) is a date (YYYY-MM-DD)") }
        return date
    }
}
