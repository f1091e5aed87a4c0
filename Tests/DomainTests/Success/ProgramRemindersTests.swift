import Domain
import Foundation
import Testing

/// What a running program reminds its CSM of, day by day.
@Suite struct ProgramRemindersTests {
    @Test func sessionSoonPresentationUnscheduledAndSheetUnagreed() throws {
        let enrolment = makeEnrolment(start: "2027-01-20")
        let session = ProgramSession(id: UUID(), enrolmentID: enrolment.id, kind: .pairSupport, plannedOn: day("2027-01-30"),
                                     createdAt: successInstant(), updatedAt: successInstant())
        func due(_ today: String, sessions: [ProgramSession]? = nil, sheet: GoalSheet? = nil, enrolment change: ((inout Enrolment) -> Void)? = nil) -> [String] {
            var copy = enrolment
            change?(&copy)
            return ProgramReminders.due(enrolment: copy, sessions: sessions ?? [session], goalSheet: sheet, today: day(today)).map(\.key)
        }
        let sessionKey = "session_soon:\(session.id.uuidString.lowercased()):2027-01-30"
        #expect(due("2027-01-19").isEmpty, "not started")
        #expect(due("2027-02-02").isEmpty)
        #expect(due("2027-01-27") == [sessionKey])
        #expect(due("2027-01-28").isEmpty, "exactly three days ahead, once")
        #expect(due("2027-02-03") == ["goal_sheet_not_agreed"], "two weeks after the start")
        #expect(due("2027-02-20") == ["presentation_not_scheduled", "goal_sheet_not_agreed"], "month 2 began")
        #expect(due("2027-02-20") { $0.presentation = SuccessPresentation(scheduledOn: day("2027-04-15")) } == ["goal_sheet_not_agreed"])
        var held = session
        held.heldOn = day("2027-01-26")
        #expect(due("2027-01-27", sessions: [held]).isEmpty, "held sessions need no reminder")

        let csm = enrolment.csmID, owner = UUID(), decider = UUID()
        var sheet = GoalSheet(id: UUID(), enrolmentID: enrolment.id, content: GoalSheetContent(
            businessGoal: "締めを早める", kpiName: "締め日数", kpiTarget: 5, usageGoal: "全員が使う", clientOwnerID: owner, decisionMakerID: decider),
            createdAt: successInstant(), updatedAt: successInstant())
        try sheet.agree(.csm, by: csm, toVersion: 1, csmID: csm, at: successInstant())
        try sheet.agree(.clientOwner, by: owner, toVersion: 1, csmID: csm, at: successInstant())
        try sheet.agree(.decisionMaker, by: decider, toVersion: 1, csmID: csm, at: successInstant())
        #expect(due("2027-02-03", sheet: sheet).isEmpty)
        #expect(due("2027-04-20").isEmpty, "the program ended")
        #expect(due("2027-02-20") { $0.state = .cancelled }.isEmpty)
    }
}
