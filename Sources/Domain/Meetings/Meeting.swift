public import Foundation

/// One occurrence of a meeting body: planned from the cadence (or scheduled by hand), with its agenda, minutes,
/// decisions, action items and attendance.
public struct Meeting: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable, Hashable, CaseIterable {
        case planned, held, cancelled
    }

    public var id: UUID
    public var bodyID: UUID
    /// The cadence's nominal local date-time this occurrence stands for (`2026-12-08T10:00`); `nil` for one
    /// scheduled by hand. A re-plan matches occurrences by it.
    public var nominal: String?
    public var startsAt: Date
    public var endsAt: Date
    public var state: State
    /// Someone moved this occurrence by hand: a change of cadence leaves it where it is.
    public var rescheduled: Bool
    /// People worked on it (agenda edited, minutes or notes written): a re-plan keeps it and flags it.
    public var touched: Bool
    /// A re-plan wanted to move or drop it but kept it because it was touched.
    public var offCadence: Bool
    public var minutes: String?
    public var agendaGeneratedAt: Date?
    /// Bumped on every change a calendar must see (time, cancellation, title): the iCalendar SEQUENCE.
    public var sequence: Int
    public var version: Int

    public init(
        id: UUID, bodyID: UUID, nominal: String?, startsAt: Date, endsAt: Date, state: State = .planned, rescheduled: Bool = false,
        touched: Bool = false, offCadence: Bool = false, minutes: String? = nil, agendaGeneratedAt: Date? = nil, sequence: Int = 0,
        version: Int = 1
    ) {
        (self.id, self.bodyID, self.nominal, self.startsAt, self.endsAt, self.state) = (id, bodyID, nominal, startsAt, endsAt, state)
        (self.rescheduled, self.touched, self.offCadence, self.minutes) = (rescheduled, touched, offCadence, minutes)
        (self.agendaGeneratedAt, self.sequence, self.version) = (agendaGeneratedAt, sequence, version)
    }
}
