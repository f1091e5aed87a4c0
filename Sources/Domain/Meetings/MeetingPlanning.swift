public import Foundation

/// Keeps a body's future occurrences in step with its cadence: at least the next 12 months exist, so calendars show
/// the series. A change of cadence re-plans the future occurrences nobody has touched; touched ones (agenda edited,
/// minutes or notes) and ones moved by hand stay, flagged when they no longer fall on the cadence. Pure: the
/// caller passes the occurrences the cadence gives and the ones stored.
public enum MeetingPlanning {
    public struct Plan: Sendable, Equatable {
        /// New occurrences to create.
        public var create: [Recurrence.Occurrence]
        /// Untouched future occurrences the cadence no longer has: cancelled (the feed shows them cancelled).
        public var cancel: [UUID]
        /// Touched or hand-moved occurrences the cadence no longer has: kept, flagged off-cadence.
        public var flag: [UUID]
    }

    /// `wanted`: the cadence's occurrences from now to the horizon; `existing`: the stored future occurrences.
    public static func plan(wanted: [Recurrence.Occurrence], existing: [Meeting]) -> Plan {
        let wantedNominals = Set(wanted.map(\.nominal))
        var have: Set<String> = []
        var cancel: [UUID] = []
        var flag: [UUID] = []
        for meeting in existing where meeting.state != .cancelled {
            guard let nominal = meeting.nominal else { continue }
            if wantedNominals.contains(nominal) {
                have.insert(nominal)
            } else if meeting.touched || meeting.rescheduled {
                if !meeting.offCadence { flag.append(meeting.id) }
                // A kept occurrence still stands for its date: the cadence does not plan a second one beside it.
            } else {
                cancel.append(meeting.id)
            }
        }
        // A cancelled occurrence whose nominal the cadence wants again is not revived silently: a new one is made.
        let create = wanted.filter { !have.contains($0.nominal) }
        return Plan(create: create, cancel: cancel, flag: flag)
    }
}
