import Domain
import Foundation
import Testing

@Suite struct GoalRulesTests {
    func field(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as DomainError { return error.field } catch { return "?" }
        return nil
    }

    @Test func measureAgreesWithKind() {
        #expect(field { try GoalRules.checkMeasure(makeGoal(unit: nil)) } == "unit", "a target without a unit")
        #expect(field { try GoalRules.checkMeasure(makeGoal(kind: .ksf, unit: nil, baseline: nil, target: 3)) } == "target")
        #expect(field { try GoalRules.checkMeasure(makeGoal(target: .infinity)) } == "target")
        #expect(field { try GoalRules.checkMeasure(makeGoal(period: "2026-11", cadence: .quarterly)) } == "cadence")
        #expect(field { try GoalRules.checkMeasure(makeGoal()) } == nil)
    }

    @Test func parentRules() {
        let company = UUID()
        let kgi = makeGoal(kind: .kgi, period: "FY2026", company: company)
        let ksf = makeGoal(kind: .ksf, metric: nil, unit: nil, baseline: nil, target: nil, period: "FY2026-H2", company: company)
        #expect(field { try GoalRules.checkParent(ksf, parent: kgi) } == nil)
        #expect(field { try GoalRules.checkParent(kgi, parent: ksf) } == "parent_id", "a KGI under a KSF")
        #expect(field { try GoalRules.checkParent(makeGoal(kind: .ksf, period: "FY2027", company: company), parent: kgi) } == "period")
        #expect(field { try GoalRules.checkParent(makeGoal(period: "FY2026-H2", company: UUID()), parent: kgi) } == "parent_id",
                "a parent from another company's tree")
        var archived = kgi
        archived.status = .archived
        #expect(field { try GoalRules.checkParent(ksf, parent: archived) } == "parent_id")
    }

    @Test func reviewerIsTheNextHolderUp() {
        let owner = UUID(), lead = UUID(), head = UUID()
        let csm = UUID(), leader = UUID(), director = UUID()
        #expect(PositionRules.reviewer(owner: owner, line: [(csm, [owner]), (leader, [lead]), (director, [head])]) == lead)
        #expect(PositionRules.reviewer(owner: owner, line: [(csm, [owner]), (leader, []), (director, [head])]) == head, "vacant: next up")
        #expect(PositionRules.reviewer(owner: owner, line: [(csm, [owner]), (leader, [owner])]) == nil, "never oneself")
        #expect(throws: DomainError.self) { try PositionRules.checkNoCycle(position: csm, proposedChain: [leader, csm]) }
    }

    @Test func checkInLifecycle() throws {
        var checkIn = CheckIn(
            id: UUID(), goalID: UUID(), period: "2026-11", periodStart: day("2026-11-01"), periodEnd: day("2026-11-30"),
            state: .open, actual: nil, confidence: nil, comment: nil, blockers: nil, opensOn: day("2026-12-01"),
            dueOn: day("2026-12-07"), reviewBy: day("2026-12-14"), submittedAt: nil, late: false, reviewerID: nil,
            reviewedAt: nil, reviewDecision: nil, reviewComment: nil, createdAt: .distantPast, updatedAt: .distantPast, version: 1)
        let goal = makeGoal()
        #expect(throws: DomainError.self) { try CheckInRules.requireSubmittable(checkIn, goal: goal) }
        checkIn.actual = 93
        checkIn.confidence = .atRisk
        try CheckInRules.requireSubmittable(checkIn, goal: goal)
        #expect(throws: DomainError.self) { try CheckInRules.requireReviewable(checkIn, decision: .accept, comment: nil) }
        checkIn.state = .submitted
        #expect(throws: DomainError.self) { try CheckInRules.requireEditable(checkIn) }
        #expect(throws: DomainError.self) { try CheckInRules.requireReviewable(checkIn, decision: .requestChanges, comment: " ") }
        try CheckInRules.requireReviewable(checkIn, decision: .requestChanges, comment: "根拠の数字を添えてください")
    }
}
