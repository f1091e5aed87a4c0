public import Domain
public import Foundation

/// A schedule as the API answers with it and audit entries record it, with its next five occurrences.
public struct ScheduleDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var kind: String
    public var subjectType: Schedule.SubjectType
    public var goalID: UUID?
    public var recurrence: Recurrence
    public var misfire: MisfirePolicy
    public var maxLatenessSeconds: Double
    public var active: Bool
    public var builtIn: Bool
    public var message: String?
    public var nextFireAt: Date?
    /// The next five occurrences, to check a rule before relying on it.
    public var upcoming: [Date]

    public init(_ s: Schedule, _ clock: Schedules.Clock) {
        (id, name, kind, subjectType, goalID) = (s.id, s.name, s.jobKind, s.subjectType, s.subjectID)
        (recurrence, misfire, maxLatenessSeconds, active, builtIn) = (s.recurrence, s.misfire, s.maxLateness, s.active, s.isBuiltIn)
        message = Schedules.message(of: s.payload)
        nextFireAt = s.active ? s.nextFireAt : nil
        upcoming = Schedules.upcoming(s, clock)
    }
}
