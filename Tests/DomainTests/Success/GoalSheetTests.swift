import Domain
import Foundation
import Testing

/// The goal sheet's three-party agreement and what undoes it (issue 15), and its progress as a health input.
@Suite struct GoalSheetTests {
    let csm = UUID(), owner = UUID(), decider = UUID()

    func content(goal: String = "予算収集を5営業日早く締める") -> GoalSheetContent {
        GoalSheetContent(businessGoal: goal, kpiName: "予算収集の所要日数", kpiBaseline: 10, kpiTarget: 5, kpiDirection: .down,
                         usageGoal: "全部門が予算をBansoで入力する", usageMetric: "active_users", usageBaseline: 0, usageTarget: 40,
                         clientOwnerID: owner, decisionMakerID: decider, decisionMakerComment: "期待しています")
    }

    func sheet() -> GoalSheet {
        GoalSheet(id: UUID(), enrolmentID: UUID(), content: content(), createdAt: successInstant(), updatedAt: successInstant())
    }

    func agreeAll(_ sheet: inout GoalSheet, at seconds: TimeInterval) throws {
        try sheet.agree(.csm, by: csm, toVersion: sheet.version, csmID: csm, at: successInstant(seconds))
        try sheet.agree(.clientOwner, by: owner, toVersion: sheet.version, csmID: csm, at: successInstant(seconds + 60))
        try sheet.agree(.decisionMaker, by: decider, toVersion: sheet.version, csmID: csm, at: successInstant(seconds + 120))
    }

    @Test func allThreePartiesAgreeTheCurrentVersion() throws {
        var sheet = sheet()
        #expect(sheet.version == 1 && !sheet.isAgreed && sheet.pendingParties == [.csm, .clientOwner, .decisionMaker])
        try sheet.agree(.clientOwner, by: owner, toVersion: 1, csmID: csm, at: successInstant(10))
        #expect(sheet.pendingParties == [.csm, .decisionMaker])
        #expect(try sheet.agree(.clientOwner, by: owner, toVersion: 1, csmID: csm, at: successInstant(20)) == false, "twice records nothing")
        #expect(sheet.agreements.count == 1)
        try agreeAll(&sheet, at: 100)
        #expect(sheet.isAgreed)
        #expect(sheet.agreedAt == successInstant(220))
        #expect(sheet.current(.clientOwner)?.agreedAt == successInstant(10), "the first agreement to the version stands")
        #expect(sheet.agreements.allSatisfy { $0.sheetVersion == 1 })
    }

    @Test func editingAfterAgreementNeedsAgreeingAgainAndKeepsHistory() throws {
        var sheet = sheet()
        try agreeAll(&sheet, at: 0)
        #expect(sheet.isAgreed)

        // Saving the same content (even with stray spaces) is not an edit.
        #expect(try sheet.edit(content(goal: "  予算収集を5営業日早く締める "), at: successInstant(500)) == false)
        #expect(sheet.version == 1 && sheet.isAgreed)
        // Progress figures are not content.
        sheet.kpiActual = 8
        #expect(sheet.isAgreed)

        #expect(try sheet.edit(content(goal: "予算収集を7営業日早く締める"), at: successInstant(1000)))
        #expect(sheet.version == 2)
        #expect(!sheet.isAgreed && sheet.agreedAt == nil)
        #expect(sheet.pendingParties == [.csm, .clientOwner, .decisionMaker])
        #expect(sheet.agreements.count == 3, "earlier agreements stay as history")

        // The decision maker's comment is part of what was agreed.
        try agreeAll(&sheet, at: 2000)
        var commented = content(goal: "予算収集を7営業日早く締める")
        commented.decisionMakerComment = "四半期ごとに確認したい"
        try sheet.edit(commented, at: successInstant(3000))
        #expect(sheet.version == 3 && !sheet.isAgreed && sheet.agreements.count == 6)
        #expect(sheet.agreements.filter { $0.sheetVersion == 2 }.count == 3)
    }

    @Test func anAgreementToAStaleVersionOrByTheWrongPersonIsRefused() throws {
        var sheet = sheet()
        try sheet.edit(content(goal: "別の目標"), at: successInstant(10))
        #expect(throws: DomainError.self) { try sheet.agree(.decisionMaker, by: decider, toVersion: 1, csmID: csm, at: successInstant(20)) }
        do {
            try sheet.agree(.decisionMaker, by: decider, toVersion: 1, csmID: csm, at: successInstant(20))
        } catch let error as DomainError {
            #expect(error.code == .preconditionFailed && error.field == "version")
        }
        do {
            try sheet.agree(.decisionMaker, by: owner, toVersion: 2, csmID: csm, at: successInstant(20))
            Issue.record("the owner cannot agree for the decision maker")
        } catch let error as DomainError {
            #expect(error.code == .forbidden)
        }
        #expect(throws: DomainError.self) { try sheet.agree(.csm, by: UUID(), toVersion: 2, csmID: csm, at: successInstant(20)) }
        #expect(sheet.agreements.isEmpty)
    }

    @Test func contentValidationNamesTheField() throws {
        func field(_ change: (inout GoalSheetContent) -> Void) -> String? {
            var copy = content()
            change(&copy)
            do { _ = try copy.validated(); return nil } catch { return (error as? DomainError)?.field }
        }
        #expect(field { _ in } == nil)
        #expect(field { $0.businessGoal = " " } == "business_goal")
        #expect(field { $0.kpiName = "" } == "kpi_name")
        #expect(field { $0.kpiTarget = .nan } == "kpi_target")
        #expect(field { $0.usageGoal = "" } == "usage_goal")
        #expect(field { $0.usageTarget = nil } == "usage_target")
        #expect(field { $0.usageMetric = nil } == "usage_metric", "a target without a metric")
        #expect(field { $0.usageMetric = "Active Users" } == "usage_metric")
        #expect(field { $0.decisionMakerID = owner } == "decision_maker_id")
        #expect(field { $0.kpiUnit = String(repeating: "日", count: 21) } == "kpi_unit")
        // A unit is trimmed, and a blank one is none; changing it changes what was agreed.
        var unit = content()
        unit.kpiUnit = " 営業日 "
        #expect(try unit.validated().kpiUnit == "営業日")
        unit.kpiUnit = "  "
        #expect(try unit.validated().kpiUnit == nil)
        unit.kpiUnit = "日"
        #expect(unit != content())
    }

    @Test func progressIsTheMeanOfKPIAndUsageFromBaselineToTarget() {
        var sheet = sheet()
        #expect(sheet.progress == nil, "nothing measured yet is no signal, not 0")
        sheet.kpiActual = 8  // 10 → 5 days, at 8: 40 %
        #expect(abs(sheet.progress! - 40) < 1e-9)
        sheet.usageActual = 30  // 0 → 40 users: 75 %
        #expect(abs(sheet.progress! - 57.5) < 1e-9)
        sheet.kpiActual = 3  // past the target counts as 100 %, not more
        sheet.usageActual = -5
        #expect(abs(sheet.progress! - 50) < 1e-9)
        var unmeasuredUsage = content()
        unmeasuredUsage.usageMetric = nil
        unmeasuredUsage.usageTarget = nil
        #expect(GoalSheetProgress.percent(content: unmeasuredUsage, kpiActual: 5, usageActual: 40) == 100)
    }
}
