public import Foundation

/// What a schedule does with occurrences that came due while nothing was ticking (DESIGN §5).
public enum MisfirePolicy: String, Sendable, Codable, CaseIterable {
    /// Only the latest due occurrence fires, if it is at most the maximum lateness late; otherwise it is recorded as
    /// missed (and an admin is told). Monthly check-ins and agendas (3 days); renewal alerts (no limit).
    case fireOnce = "fire_once"
    /// Every due occurrence fires, however late.
    case fireAll = "fire_all"
    /// Each occurrence fires only if it is at most the maximum lateness late; later ones are missed. Reminders (an
    /// hour).
    case skip

    public enum Outcome: String, Sendable, Codable {
        case fired, missed
    }

    public struct Decision: Sendable, Equatable {
        public var occurrence: Recurrence.Occurrence
        public var outcome: Outcome
        /// Seconds between the occurrence and the tick that handled it.
        public var lateness: Double
    }

    /// The outcome of each due occurrence (oldest first) at `now`. Under `fireOnce` the older ones are superseded
    /// by the latest and get no decision at all.
    public func decide(_ due: [Recurrence.Occurrence], now: Date, maxLateness: Double) -> [Decision] {
        func decision(_ occurrence: Recurrence.Occurrence, limit: Double?) -> Decision {
            let lateness = max(0, now.timeIntervalSince(occurrence.instant))
            let late = limit.map { lateness > $0 } ?? false
            return Decision(occurrence: occurrence, outcome: late ? .missed : .fired, lateness: lateness)
        }
        switch self {
        case .fireAll: return due.map { decision($0, limit: nil) }
        case .skip: return due.map { decision($0, limit: maxLateness) }
        case .fireOnce: return due.last.map { [decision($0, limit: maxLateness)] } ?? []
        }
    }
}
