@testable import Domain
import Foundation
import Testing

/// Each generator against fixed data: what it picks, what it leaves, in what order, and who may see each item.
@Suite struct AgendaGenerationTests {
    let smb = UUID()
    let smbTeam = UUID()
    let enterprise = UUID()
    let owner = UUID()
    // 2026-12-08 10:00 in Tokyo (01:00 UTC); the previous meeting a month before.
    let meetingAt = Date(timeIntervalSince1970: 1_796_691_600)
    var since: Date { meetingAt.addingTimeInterval(-28 * 86_400) }
    let today = LocalDate(year: 2026, month: 12, day: 8)!
    var placement: AgendaFacts.Placement { .init(companyID: smb, teamID: smbTeam) }

    func facts() -> AgendaFacts { AgendaFacts(since: since, meetingAt: meetingAt, today: today) }

    @Test func goalsOffTrackComeBeforeAtRiskAndOnTrackIsLeftOut() {
        var f = facts()
        let (a, b, c) = (UUID(), UUID(), UUID())
        f.goals = [
            .init(goalID: a, title: "NRR 110%", ownerID: owner, ownerName: "佐藤", placement: placement, confidence: .atRisk, period: "2026-11"),
            .init(goalID: b, title: "GRR 95%", ownerID: owner, ownerName: "佐藤", placement: placement, confidence: .offTrack, period: "2026-11"),
            .init(goalID: c, title: "NPS 40", ownerID: owner, ownerName: "佐藤", placement: placement, confidence: .onTrack, period: "2026-11"),
        ]
        let items = AgendaGeneration.items(.goalsOffTrack(includeAtRisk: true), f)
        #expect(items.map(\.subject) == [AgendaSubject(.goal, b), AgendaSubject(.goal, a)])
        #expect(items.map(\.reason.code) == ["goal_off_track", "goal_at_risk"])
        #expect(items[0].reason.values["period"] == "2026-11")
        #expect(AgendaGeneration.items(.goalsOffTrack(includeAtRisk: false), f).map(\.subject) == [AgendaSubject(.goal, b)])
    }

    @Test func aGradeDropIsRaisedOnceAndOnlyTheLatest() {
        var f = facts()
        let customer = UUID(), other = UUID()
        let oldDrop = AgendaFacts.HealthDrop(
            customerID: other, name: "旧", placement: placement, people: [owner], scoreID: UUID(), from: .b, to: .c,
            at: since.addingTimeInterval(-3600), causes: [])
        let first = AgendaFacts.HealthDrop(
            customerID: customer, name: "北星銀行", placement: placement, people: [owner], scoreID: UUID(), from: .a, to: .b,
            at: since.addingTimeInterval(86_400), causes: ["NPS −12.0"])
        let second = AgendaFacts.HealthDrop(
            customerID: customer, name: "北星銀行", placement: placement, people: [owner], scoreID: UUID(), from: .b, to: .c,
            at: since.addingTimeInterval(2 * 86_400), causes: ["NPS −20.0", "最終接点からの日数 −8.0"])
        f.healthDrops = [oldDrop, first, second]
        let items = AgendaGeneration.items(.healthDropped, f)
        #expect(items.count == 1, "one item per customer, none for a drop before the previous meeting")
        #expect(items.first?.reason == AgendaReason("health_dropped", ["from": "B", "to": "C", "causes": "NPS −20.0\n最終接点からの日数 −8.0"]))
        #expect(items.first?.fingerprint == "health_drop:\(second.scoreID.uuidString.lowercased())")
        // Next month the customer stayed C: no new drop since this meeting, no item.
        var next = AgendaFacts(since: meetingAt, meetingAt: meetingAt.addingTimeInterval(28 * 86_400), today: today.adding(days: 28))
        next.healthDrops = f.healthDrops
        #expect(AgendaGeneration.items(.healthDropped, next).isEmpty)
    }

    @Test func renewalsWithinTheWindowByDeadlineWithTheirUrgentTickets() {
        var f = facts()
        let (c1, c2, c3) = (UUID(), UUID(), UUID())
        func renewal(_ contract: UUID, _ name: String, _ days: Int, _ tickets: [String]) -> AgendaFacts.Renewal {
            .init(contractID: contract, customerID: UUID(), name: name, placement: placement, people: [owner], deadline: today.adding(days: days),
                  endDate: today.adding(days: days + 90), grade: .c, urgentTickets: tickets)
        }
        f.renewals = [renewal(c1, "遠い", 120, []), renewal(c2, "近い", 10, ["ログイン不可"]), renewal(c3, "中間", 60, []), renewal(UUID(), "過去", -1, [])]
        let items = AgendaGeneration.items(.renewalsDue(withinDays: 90), f)
        #expect(items.map(\.title) == ["近い", "中間"])
        #expect(items[0].reason.values["tickets"] == "ログイン不可")
        #expect(items[0].reason.values["days_left"] == "10")
        #expect(items[0].reason.values["grade"] == "C")
        guard case .customers = items[0].visibility else { Issue.record("a renewal is seen by the customer's readers"); return }
    }

    @Test func accountabilitiesOverdueThenUnacknowledged() {
        var f = facts()
        let (late, slow, fresh, done) = (UUID(), UUID(), UUID(), UUID())
        f.accountabilities = [
            .init(id: fresh, title: "新規", assigneeID: owner, assigneeName: "鈴木", placement: placement, state: .pending, assignedOn: today.adding(days: -1), dueDate: nil),
            .init(id: slow, title: "未確認", assigneeID: owner, assigneeName: "鈴木", placement: placement, state: .pending, assignedOn: today.adding(days: -5), dueDate: nil),
            .init(id: late, title: "期限切れ", assigneeID: owner, assigneeName: "鈴木", placement: placement, state: .acknowledged,
                  assignedOn: today.adding(days: -20), dueDate: today.adding(days: -2)),
            .init(id: done, title: "完了", assigneeID: owner, assigneeName: "鈴木", placement: placement, state: .completed,
                  assignedOn: today.adding(days: -20), dueDate: today.adding(days: -2)),
        ]
        let items = AgendaGeneration.items(.accountabilitiesOpen(unacknowledgedDays: 3), f)
        #expect(items.map(\.subject?.id) == [late, slow])
        #expect(items.map(\.reason.code) == ["accountability_overdue", "accountability_unacknowledged"])
        #expect(items[0].reason.values["days_late"] == "2")

        // An overdue one that is an open action item of the series is raised once, among the actions.
        f.previousActions = [.init(id: UUID(), title: "期限切れ", ownerID: owner, ownerName: "鈴木", dueDate: today.adding(days: -2), accountabilityID: late)]
        #expect(AgendaGeneration.items(.accountabilitiesOpen(unacknowledgedDays: 3), f).map(\.subject?.id) == [slow])
        #expect(AgendaGeneration.items(.previousActions, f).map(\.title) == ["期限切れ"])
    }

    @Test func checkInsReviewsSignalsAndActions() {
        var f = facts()
        let goal = UUID(), checkIn = UUID(), ticket = UUID(), oldTicket = UUID(), action = UUID()
        f.checkInGaps = [.init(goalID: goal, title: "GRR", ownerID: owner, ownerName: "鈴木", placement: placement, period: "2026-11",
                               dueDate: today.adding(days: -3), drafted: true)]
        f.pendingReviews = [.init(checkInID: checkIn, goalID: goal, title: "GRR", ownerID: owner, reviewerName: "佐藤", placement: placement,
                                  submittedOn: today.adding(days: -4))]
        f.expansionSignals = [
            .init(ticketID: ticket, customerID: UUID(), customerName: "朝日物産", placement: placement, people: [owner], note: "50席追加したい",
                  at: since.addingTimeInterval(3600)),
            .init(ticketID: oldTicket, customerID: UUID(), customerName: "古い", placement: placement, people: [owner], note: "前回分",
                  at: since.addingTimeInterval(-3600)),
        ]
        f.previousActions = [.init(id: action, title: "価格表を送る", ownerID: owner, ownerName: "鈴木", dueDate: today.adding(days: -1))]
        #expect(AgendaGeneration.items(.checkInsMissing, f).map(\.reason.code) == ["check_in_late"])
        #expect(AgendaGeneration.items(.reviewsPending, f).first?.reason.values["days"] == "4")
        #expect(AgendaGeneration.items(.expansionSignals, f).map(\.subject?.id) == [ticket], "only signals since the previous meeting")
        #expect(AgendaGeneration.items(.previousActions, f).map(\.reason.code) == ["action_overdue"])
    }

    @Test func thePurposeOrdersTheSections() {
        let template = AgendaTemplate(sections: [
            AgendaSection(key: "goals", title: nil, content: .generator(.goalsOffTrack(includeAtRisk: true)), minutes: 10),
            AgendaSection(key: "renewals", title: nil, content: .generator(.renewalsDue(withinDays: 90)), minutes: 10),
            AgendaSection(key: "actions", title: nil, content: .generator(.previousActions), minutes: 5),
        ])
        #expect(template.ordered(for: .decide).map(\.key) == ["renewals", "actions", "goals"], "decide puts decisions first")
        #expect(template.ordered(for: .share).map(\.key) == ["goals", "actions", "renewals"], "share puts figures first")
        for purpose in MeetingPurpose.allCases {
            #expect(throws: Never.self) { try AgendaTemplate.standard(for: purpose).validated() }
        }
    }

    @Test func visibilityFollowsTheSubjectsScope() {
        let structure = OrgStructure(companyOfTeam: [smbTeam: smb])
        let authorizer = Authorizer(structure: structure)
        let smbManager = Actor(memberID: UUID(), grants: [Grant(role: .manager, scope: .company(smb))], tokenScopes: nil)
        let entManager = Actor(memberID: UUID(), grants: [Grant(role: .manager, scope: .company(enterprise))], tokenScopes: nil)
        let theOwner = Actor(memberID: owner, grants: [Grant(role: .csm, scope: .company(enterprise))], tokenScopes: nil)
        let customerItem = AgendaVisibility.customers(scope: .team(smbTeam), people: [owner])
        #expect(customerItem.allows(smbManager, authorizer))
        #expect(!customerItem.allows(entManager, authorizer), "another company's manager does not see SMB's customer")
        #expect(customerItem.allows(theOwner, authorizer), "the customer's owner sees it wherever they sit")
        let support = Actor(memberID: UUID(), grants: [Grant(role: .support, scope: .company(smb))], tokenScopes: nil)
        #expect(AgendaVisibility.customers(scope: .team(smbTeam), people: []).allows(support, authorizer))
        #expect(!AgendaVisibility.contracts(scope: .team(smbTeam), people: []).allows(support, authorizer), "support never sees contract values")
    }
}
