@testable import Domain
import Foundation
import Testing

/// Re-planning a series after its cadence changed.
@Suite struct MeetingPlanningTests {
    func occurrence(_ nominal: String) -> Recurrence.Occurrence { Recurrence.Occurrence(nominal: nominal, instant: Date(timeIntervalSince1970: 0)) }

    func meeting(_ nominal: String, touched: Bool = false, rescheduled: Bool = false) -> Meeting {
        Meeting(id: UUID(), bodyID: UUID(), nominal: nominal, startsAt: Date(timeIntervalSince1970: 0), endsAt: Date(timeIntervalSince1970: 3600),
                rescheduled: rescheduled, touched: touched)
    }

    @Test func untouchedOccurrencesFollowTheCadenceTouchedOnesStayFlagged() {
        let keep = meeting("2027-01-12T10:00")
        let untouched = meeting("2027-01-14T10:00")
        let worked = meeting("2027-02-11T10:00", touched: true)
        let moved = meeting("2027-03-11T10:00", rescheduled: true)
        let plan = MeetingPlanning.plan(
            wanted: [occurrence("2027-01-12T10:00"), occurrence("2027-02-09T10:00"), occurrence("2027-03-09T10:00")],
            existing: [keep, untouched, worked, moved])
        #expect(plan.create.map(\.nominal) == ["2027-02-09T10:00", "2027-03-09T10:00"])
        #expect(plan.cancel == [untouched.id])
        #expect(Set(plan.flag) == [worked.id, moved.id])
    }
}
