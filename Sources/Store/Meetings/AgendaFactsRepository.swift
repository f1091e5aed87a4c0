public import Database
public import Domain
public import Foundation

/// What the data says about a meeting body's scope, read for the generators its template uses (``AgendaFacts``):
/// one statement per generator, all sent in one round trip, none per row. Which items those facts become is the
/// Domain's business (``AgendaGeneration``); the statements fetch a little more than it keeps (every goal's latest
/// confidence, every pending accountability) so that the rules stay in one place, and no more.
public enum AgendaFactsRepository {
    public struct Request: Sendable {
        /// The body's scope: a company takes in its teams' goals, customers and accountabilities.
        public var scope: Scope
        /// The generators of the template's sections; the others' facts stay empty and cost nothing.
        public var generators: [AgendaGenerator]
        /// Events after this instant count as new (see ``AgendaFacts/since``).
        public var since: Date
        public var meetingAt: Date
        /// The occurrence's local day in the org's zone: which check-in period is current, which renewals are due.
        public var today: LocalDate
        /// The occurrence before this one: the series' action items still open up to it are carried over.
        public var previousMeetingID: UUID?
        /// The org's fiscal year, check-in rules, business calendar, time zone and language. Its own `today` (the
        /// database's) is not read: an agenda is written for the occurrence's day.
        public var org: OrgFacts

        public init(
            scope: Scope, generators: [AgendaGenerator], since: Date, meetingAt: Date, today: LocalDate, previousMeetingID: UUID?,
            org: OrgFacts
        ) {
            (self.scope, self.generators, self.since, self.meetingAt, self.today) = (scope, generators, since, meetingAt, today)
            (self.previousMeetingID, self.org) = (previousMeetingID, org)
        }
    }

    public static func load(_ tx: TenantTransaction, _ request: Request) async throws -> AgendaFacts {
        var facts = AgendaFacts(since: request.since, meetingAt: request.meetingAt, today: request.today)
        let parts = Part.needed(by: request)
        guard !parts.isEmpty else { return facts }
        let results = try await tx.batch(parts.map { $0.query(tx, request) })
        for (part, result) in zip(parts, results) {
            try part.read(result, request, into: &facts)
        }
        return facts
    }

    /// One statement's worth of facts. Two sections with one generator (say, renewals within 30 and within 90
    /// days) share a statement reading the widest window.
    enum Part: Hashable {
        case goals, checkInGaps, pendingReviews, healthDrops, renewals(withinDays: Int), accountabilities, expansionSignals
        case previousActions(meeting: UUID)

        static func needed(by request: Request) -> [Part] {
            var parts: [Part] = []
            var renewalDays: Int?
            for generator in request.generators {
                let part: Part?
                switch generator {
                case .goalsOffTrack: part = .goals
                case .checkInsMissing: part = .checkInGaps
                case .reviewsPending: part = .pendingReviews
                case .healthDropped: part = .healthDrops
                case .renewalsDue(let days):
                    renewalDays = max(renewalDays ?? days, days)
                    part = nil
                case .accountabilitiesOpen: part = .accountabilities
                case .expansionSignals: part = .expansionSignals
                case .previousActions: part = request.previousMeetingID.map { .previousActions(meeting: $0) }
                // An extension's items come made by the capability that owns them.
                case .extension: part = nil
                }
                if let part, !parts.contains(part) { parts.append(part) }
            }
            if let renewalDays { parts.append(.renewals(withinDays: renewalDays)) }
            return parts
        }

        func query(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
            switch self {
            case .goals: AgendaFactsRepository.goalsQuery(tx, request)
            case .checkInGaps: AgendaFactsRepository.checkInGapsQuery(tx, request)
            case .pendingReviews: AgendaFactsRepository.pendingReviewsQuery(tx, request)
            case .healthDrops: AgendaFactsRepository.healthDropsQuery(tx, request)
            case .renewals(let days): AgendaFactsRepository.renewalsQuery(tx, request, withinDays: days)
            case .accountabilities: AgendaFactsRepository.accountabilitiesQuery(tx, request)
            case .expansionSignals: AgendaFactsRepository.expansionSignalsQuery(tx, request)
            case .previousActions(let meeting): AgendaFactsRepository.previousActionsQuery(tx, previous: meeting)
            }
        }

        func read(_ result: QueryResult, _ request: Request, into facts: inout AgendaFacts) throws {
            switch self {
            case .goals: facts.goals = try result.map(AgendaFactsRepository.goalState)
            case .checkInGaps: facts.checkInGaps = try result.map(AgendaFactsRepository.checkInGap)
            case .pendingReviews: facts.pendingReviews = try result.map(AgendaFactsRepository.pendingReview)
            case .healthDrops: facts.healthDrops = try result.map { try AgendaFactsRepository.healthDrop($0, locale: request.org.orgLocale) }
            case .renewals: facts.renewals = try result.map(AgendaFactsRepository.renewal)
            case .accountabilities: facts.accountabilities = try result.map(AgendaFactsRepository.openAccountability)
            case .expansionSignals: facts.expansionSignals = try result.map(AgendaFactsRepository.expansionSignal)
            case .previousActions: facts.previousActions = try result.map(AgendaFactsRepository.openAction)
            }
        }
    }

    /// The body's scope as a condition on a row's company and team columns (trusted SQL, never input). A company
    /// scope takes in rows that name only one of its teams (an accountability may carry its team alone).
    static func inScope(_ scope: Scope, _ tx: TenantTransaction, company: SQLQuery, team: SQLQuery) -> SQLQuery {
        switch scope {
        case .org: "true"
        case .company(let id):
            "(\(company) = \(id) OR \(team) IN (SELECT st.id FROM team st WHERE st.org_id = \(tx.org) AND st.company_id = \(id)))"
        case .team(let id): "\(team) = \(id)"
        }
    }

    /// The owner and the sales owner of a customer: who sees its items wherever they sit.
    static func people(_ owner: UUID?, _ salesOwner: UUID?) -> [UUID] {
        var people: [UUID] = []
        for person in [owner, salesOwner].compactMap({ $0 }) where !people.contains(person) { people.append(person) }
        return people
    }
}
