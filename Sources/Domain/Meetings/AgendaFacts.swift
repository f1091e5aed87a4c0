public import Foundation

/// What the data says about a meeting body's scope when an agenda is generated: each generator reads its own part.
/// The store fetches them for the scope (and only for the generators the template uses); tests build them by hand.
public struct AgendaFacts: Sendable {
    /// Events since this instant count as new (the previous occurrence's start, or a month before this one when
    /// there was none), so a grade that fell is raised once and not again while it stays down.
    public var since: Date
    /// The occurrence's start.
    public var meetingAt: Date
    /// The occurrence's local day.
    public var today: LocalDate
    public var goals: [GoalState] = []
    public var checkInGaps: [CheckInGap] = []
    public var pendingReviews: [PendingReview] = []
    public var healthDrops: [HealthDrop] = []
    public var renewals: [Renewal] = []
    public var accountabilities: [OpenAccountability] = []
    public var expansionSignals: [ExpansionSignal] = []
    public var previousActions: [OpenAction] = []
    /// Items a later capability made, by extension name (``AgendaGenerator/extension(_:)``).
    public var extensions: [String: [AgendaDraftItem]] = [:]

    public init(since: Date, meetingAt: Date, today: LocalDate) {
        (self.since, self.meetingAt, self.today) = (since, meetingAt, today)
    }

    /// Where a goal or customer sits, for ``AgendaVisibility``.
    public struct Placement: Sendable, Hashable {
        public var companyID: UUID?
        public var teamID: UUID?
        public init(companyID: UUID?, teamID: UUID?) { (self.companyID, self.teamID) = (companyID, teamID) }
        public var scope: Scope { teamID.map(Scope.team) ?? companyID.map(Scope.company) ?? .org }
    }

    public struct GoalState: Sendable, Hashable {
        public var goalID: UUID
        public var title: String
        public var ownerID: UUID
        public var ownerName: String
        public var placement: Placement
        public var confidence: CheckIn.Confidence
        /// The period of the check-in that said so (`2026-11`, `FY2026 H2`).
        public var period: String
        public init(goalID: UUID, title: String, ownerID: UUID, ownerName: String, placement: Placement, confidence: CheckIn.Confidence, period: String) {
            (self.goalID, self.title, self.ownerID, self.ownerName, self.placement, self.confidence, self.period) =
                (goalID, title, ownerID, ownerName, placement, confidence, period)
        }
    }

    public struct CheckInGap: Sendable, Hashable {
        public var goalID: UUID
        public var title: String
        public var ownerID: UUID
        public var ownerName: String
        public var placement: Placement
        public var period: String
        public var dueDate: LocalDate
        /// A draft exists but was not submitted.
        public var drafted: Bool
        public init(goalID: UUID, title: String, ownerID: UUID, ownerName: String, placement: Placement, period: String, dueDate: LocalDate, drafted: Bool) {
            (self.goalID, self.title, self.ownerID, self.ownerName, self.placement, self.period, self.dueDate, self.drafted) =
                (goalID, title, ownerID, ownerName, placement, period, dueDate, drafted)
        }
    }

    public struct PendingReview: Sendable, Hashable {
        public var checkInID: UUID
        public var goalID: UUID
        public var title: String
        public var ownerID: UUID
        public var reviewerName: String?
        public var placement: Placement
        public var submittedOn: LocalDate
        public init(checkInID: UUID, goalID: UUID, title: String, ownerID: UUID, reviewerName: String?, placement: Placement, submittedOn: LocalDate) {
            (self.checkInID, self.goalID, self.title, self.ownerID, self.reviewerName, self.placement, self.submittedOn) =
                (checkInID, goalID, title, ownerID, reviewerName, placement, submittedOn)
        }
    }

    public struct HealthDrop: Sendable, Hashable {
        public var customerID: UUID
        public var name: String
        public var placement: Placement
        public var people: [UUID]
        public var scoreID: UUID
        public var from: HealthGrade
        public var to: HealthGrade
        public var at: Date
        /// The signals that lost the most, worded ("NPS −12.0").
        public var causes: [String]
        public init(customerID: UUID, name: String, placement: Placement, people: [UUID], scoreID: UUID, from: HealthGrade, to: HealthGrade, at: Date, causes: [String]) {
            (self.customerID, self.name, self.placement, self.people, self.scoreID) = (customerID, name, placement, people, scoreID)
            (self.from, self.to, self.at, self.causes) = (from, to, at, causes)
        }
    }

    public struct Renewal: Sendable, Hashable {
        public var contractID: UUID
        public var customerID: UUID
        public var name: String
        public var placement: Placement
        public var people: [UUID]
        public var deadline: LocalDate
        public var endDate: LocalDate
        public var grade: HealthGrade?
        /// Open urgent and high tickets' subjects.
        public var urgentTickets: [String]
        public init(contractID: UUID, customerID: UUID, name: String, placement: Placement, people: [UUID], deadline: LocalDate, endDate: LocalDate, grade: HealthGrade?, urgentTickets: [String]) {
            (self.contractID, self.customerID, self.name, self.placement, self.people) = (contractID, customerID, name, placement, people)
            (self.deadline, self.endDate, self.grade, self.urgentTickets) = (deadline, endDate, grade, urgentTickets)
        }
    }

    public struct OpenAccountability: Sendable, Hashable {
        public var id: UUID
        public var title: String
        public var assigneeID: UUID
        public var assigneeName: String
        public var placement: Placement
        public var state: Accountability.State
        public var assignedOn: LocalDate
        public var dueDate: LocalDate?
        public init(id: UUID, title: String, assigneeID: UUID, assigneeName: String, placement: Placement, state: Accountability.State, assignedOn: LocalDate, dueDate: LocalDate?) {
            (self.id, self.title, self.assigneeID, self.assigneeName, self.placement) = (id, title, assigneeID, assigneeName, placement)
            (self.state, self.assignedOn, self.dueDate) = (state, assignedOn, dueDate)
        }
    }

    public struct ExpansionSignal: Sendable, Hashable {
        public var ticketID: UUID
        public var customerID: UUID
        public var customerName: String
        public var placement: Placement
        public var people: [UUID]
        public var note: String
        public var at: Date
        public init(ticketID: UUID, customerID: UUID, customerName: String, placement: Placement, people: [UUID], note: String, at: Date) {
            (self.ticketID, self.customerID, self.customerName, self.placement, self.people, self.note, self.at) =
                (ticketID, customerID, customerName, placement, people, note, at)
        }
    }

    public struct OpenAction: Sendable, Hashable {
        public var id: UUID
        public var title: String
        public var ownerID: UUID
        public var ownerName: String
        public var dueDate: LocalDate?
        /// The accountability the action became: the accountabilities section leaves it to the actions section.
        public var accountabilityID: UUID?
        public init(id: UUID, title: String, ownerID: UUID, ownerName: String, dueDate: LocalDate?, accountabilityID: UUID? = nil) {
            (self.id, self.title, self.ownerID, self.ownerName, self.dueDate) = (id, title, ownerID, ownerName, dueDate)
            self.accountabilityID = accountabilityID
        }
    }
}

/// An item a generator proposes, before it has an id and a position.
public struct AgendaDraftItem: Sendable, Hashable {
    public var subject: AgendaSubject?
    public var title: String
    public var reason: AgendaReason
    public var visibility: AgendaVisibility
    public var fingerprint: String

    public init(subject: AgendaSubject?, title: String, reason: AgendaReason, visibility: AgendaVisibility, fingerprint: String) {
        (self.subject, self.title, self.reason, self.visibility, self.fingerprint) = (subject, title, reason, visibility, fingerprint)
    }
}
