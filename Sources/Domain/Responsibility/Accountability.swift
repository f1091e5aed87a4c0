public import Foundation

/// A member made accountable for a subject by a manager (DESIGN §2). Reassignment closes the old one and keeps it.
public struct Accountability: Sendable, Equatable, Codable {
    /// What the member answers for: a typed reference that later capabilities extend (customers, programs,
    /// meeting actions), or a duty in words.
    public enum SubjectType: String, Sendable, Codable, CaseIterable {
        case goal, customer, program
        case meetingAction = "meeting_action"
        case duty
    }

    /// `pending` until the assignee acknowledges or declines; `reassigned` and `completed` close it.
    public enum State: String, Sendable, Codable, CaseIterable {
        case pending, acknowledged, declined, reassigned, completed, cancelled

        public var isClosed: Bool { self == .reassigned || self == .completed || self == .cancelled }
    }

    public var id: UUID
    public var assigneeID: UUID
    public var assignedByID: UUID
    public var subjectType: SubjectType
    public var subjectID: UUID?
    public var duty: String?
    public var companyID: UUID?
    public var teamID: UUID?
    public var dueDate: LocalDate?
    public var note: String?
    public var state: State
    public var responseReason: String?
    public var respondedAt: Date?
    public var replacesID: UUID?
    public var replacedByID: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, assigneeID: UUID, assignedByID: UUID, subjectType: SubjectType, subjectID: UUID?, duty: String?,
        companyID: UUID?, teamID: UUID?, dueDate: LocalDate?, note: String?, state: State, responseReason: String?,
        respondedAt: Date?, replacesID: UUID?, replacedByID: UUID?, createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.assigneeID = assigneeID
        self.assignedByID = assignedByID
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.duty = duty
        self.companyID = companyID
        self.teamID = teamID
        self.dueDate = dueDate
        self.note = note
        self.state = state
        self.responseReason = responseReason
        self.respondedAt = respondedAt
        self.replacesID = replacesID
        self.replacedByID = replacedByID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }

    public var scope: Scope {
        if let teamID { return .team(teamID) }
        if let companyID { return .company(companyID) }
        return .org
    }
}

public enum AccountabilityRules {
    /// The assignee answers a pending accountability (or changes their mind about an acknowledged one by
    /// declining); declining needs a reason.
    public static func respond(_ item: Accountability, acknowledge: Bool, reason: String?) throws {
        guard item.state == .pending || (item.state == .acknowledged && !acknowledge) else {
            throw DomainError(.conflict, "the accountability is \(item.state.rawValue)", field: "state")
        }
        if !acknowledge, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw DomainError(.invalid, "say why you decline", field: "reason")
        }
    }

    public static func requireOpen(_ item: Accountability) throws {
        guard !item.state.isClosed else {
            throw DomainError(.conflict, "the accountability is already \(item.state.rawValue)", field: "state")
        }
    }
}
