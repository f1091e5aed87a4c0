public import Foundation

/// A recurring piece of work of an org: which job to enqueue, when, and what to do when ticks were missed.
public struct Schedule: Sendable, Equatable {
    public var id: UUID
    public var orgID: UUID
    public var name: String
    public var jobKind: String
    public var queue: String
    /// JSON object text; the fire's nominal time and lateness are added to it.
    public var payload: String
    public var recurrence: Recurrence
    public var misfire: MisfirePolicy
    public var maxLateness: Double
    public var active: Bool
    public var nextFireAt: Date?
    /// What the schedule belongs to: the org, or one of its goals (`subjectID`).
    public var subjectType: SubjectType = .org
    public var subjectID: UUID?

    public init(
        id: UUID, orgID: UUID, name: String, jobKind: String, queue: String = "default", payload: String = "{}",
        recurrence: Recurrence, misfire: MisfirePolicy = .fireOnce, maxLateness: Double = 3 * 86_400, active: Bool = true,
        nextFireAt: Date? = nil
    ) {
        self.id = id
        self.orgID = orgID
        self.name = name
        self.jobKind = jobKind
        self.queue = queue
        self.payload = payload
        self.recurrence = recurrence
        self.misfire = misfire
        self.maxLateness = maxLateness
        self.active = active
        self.nextFireAt = nextFireAt
    }
}
