import Domain
import Foundation
import Testing

/// The success programs' agenda sections against fixed programs: what comes up within two weeks of the meeting,
/// the goal sheets still not agreed, the presentations still not scheduled — each saying why, in both languages.
@Suite struct SuccessAgendaTests {
    let placement = AgendaFacts.Placement(companyID: UUID(), teamID: nil)

    func program(
        _ name: String, start: String, state: Enrolment.State = .active, sessions: [(ProgramSessionKind, String?, String?)] = [],
        presentation: SuccessPresentation? = nil, agreed: Bool = false
    ) throws -> SuccessAgenda.Program {
        var enrolment = makeEnrolment(start: start, state: state)
        enrolment.presentation = presentation
        let made = sessions.map { kind, planned, held in
            ProgramSession(id: UUID(), enrolmentID: enrolment.id, kind: kind, plannedOn: planned.map(day), heldOn: held.map(day),
                           createdAt: successInstant(), updatedAt: successInstant())
        }
        let owner = UUID(), decider = UUID()
        var sheet = GoalSheet(id: UUID(), enrolmentID: enrolment.id, content: GoalSheetContent(
            businessGoal: "締めを早める", kpiName: "締め日数", kpiTarget: 5, usageGoal: "全員が使う", clientOwnerID: owner, decisionMakerID: decider),
            createdAt: successInstant(), updatedAt: successInstant())
        try sheet.agree(.csm, by: enrolment.csmID, toVersion: 1, csmID: enrolment.csmID, at: successInstant())
        if agreed {
            try sheet.agree(.clientOwner, by: owner, toVersion: 1, csmID: enrolment.csmID, at: successInstant())
            try sheet.agree(.decisionMaker, by: decider, toVersion: 1, csmID: enrolment.csmID, at: successInstant())
        }
        return SuccessAgenda.Program(enrolment: enrolment, customerName: name, placement: placement, people: [enrolment.csmID],
                                     csmName: "鈴木", sessions: made, goalSheet: sheet)
    }

    @Test func sessionsWithinTwoWeeksOfTheMeetingAndUnagreedSheets() throws {
        let programs = [
            try program("北星銀行", start: "2027-01-04", sessions: [
                (.goalSetting, "2027-01-06", "2027-01-06"),  // held: not on the agenda
                (.pairSupport, "2027-01-25", nil),  // two weeks after the meeting on the 12th: in
                (.pairSupport, "2027-01-27", nil),  // 15 days after: out
            ]),
            try program("青葉商事", start: "2027-01-08", sessions: [(.pairSupport, "2027-01-14", nil)], agreed: true),
            try program("東和物産", start: "2026-12-01", state: .cancelled, sessions: [(.pairSupport, "2027-01-13", nil)]),
        ]
        let items = try #require(SuccessAgenda.items(
            SuccessAgenda.programSessions, programs: programs, today: day("2027-01-08"), meetingDay: day("2027-01-12")))
        #expect(items.map(\.title) == ["青葉商事", "北星銀行"], "soonest first; a cancelled program says nothing")
        #expect(items.map { $0.reason.code } == ["program_session_planned", "program_session_planned"])
        #expect(items[0].reason.values["days_left"] == "6")
        #expect(items.allSatisfy { $0.visibility == .customers(scope: .company(placement.companyID!), people: $0.visibility.people) })

        // Two weeks after its start 北星銀行's sheet still waits for the client: it is raised, once, with who is missing.
        let later = try #require(SuccessAgenda.items(
            SuccessAgenda.programSessions, programs: programs, today: day("2027-01-18"), meetingDay: day("2027-01-19")))
        let unagreed = later.filter { $0.reason.code == "goal_sheet_unagreed" }
        #expect(unagreed.map(\.title) == ["北星銀行"])
        #expect(unagreed.first?.reason.values["pending"] == "client_owner,decision_maker")
        #expect(AgendaWording.reason(unagreed.first?.reason, .ja) == "開始から 14 日経ってもゴールシートが未合意（未合意: お客様の推進担当者・決裁者）")
        #expect(AgendaWording.reason(later.first?.reason, .en) == "鈴木's pair-support session on 2027-01-25 (7 days away)")
    }

    @Test func presentationsComingUpAndThoseNotScheduledByMonthTwo() throws {
        let programs = [
            try program("北星銀行", start: "2027-01-04", presentation: SuccessPresentation(scheduledOn: day("2027-03-20"), audienceSize: 12)),
            try program("青葉商事", start: "2027-01-04"),
            try program("東和物産", start: "2027-01-20"),  // still in month 1 on 02-15: not yet due
            try program("港北運輸", start: "2026-12-01", sessions: [(.presentation, "2027-02-25", nil)]),
            try program("南海化成", start: "2026-11-01", presentation: SuccessPresentation(scheduledOn: day("2027-02-01"), heldOn: day("2027-02-01"))),
        ]
        let items = try #require(SuccessAgenda.items(
            SuccessAgenda.successPresentations, programs: programs, today: day("2027-02-15"), meetingDay: day("2027-02-16")))
        #expect(items.map(\.title) == ["港北運輸", "青葉商事"], "a presentation planned as a session counts; one held is done")
        #expect(items.map { $0.reason.code } == ["presentation_planned", "presentation_unscheduled"])
        #expect(AgendaWording.reason(items[1].reason, .ja) == "プログラム 2/3 か月目に入っても成功発表会の日程が未定（担当 鈴木さん）")

        let march = try #require(SuccessAgenda.items(
            SuccessAgenda.successPresentations, programs: programs, today: day("2027-03-10"), meetingDay: day("2027-03-10")))
        let hokusei = try #require(march.first { $0.title == "北星銀行" })
        #expect(AgendaWording.reason(hokusei.reason, .en) == "Success presentation on 2027-03-20 (10 days away, 12 expected)")
        #expect(SuccessAgenda.items("something_else", programs: programs, today: day("2027-03-10"), meetingDay: day("2027-03-10")) == nil)
        #expect(AgendaWording.heading(.extension(SuccessAgenda.successPresentations), .ja) == "成功発表会")
    }
}

private extension AgendaVisibility {
    var people: [UUID] {
        if case .customers(_, let people) = self { return people }
        return []
    }
}
