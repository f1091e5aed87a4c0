import Domain
import Foundation
import Testing

@Suite struct SmartCheckTests {
    let underKGI = SmartCheck.Context(ancestorKinds: [.ksf, .kgi], measuringKPIs: [], bestPastActual: nil, achievableMultiple: 2)

    func verdict(_ goal: Goal, _ letter: SmartCheck.Letter, context: SmartCheck.Context? = nil, locale: Organization.Locale = .en)
        -> SmartCheck.Verdict
    {
        SmartCheck(goal: goal, context: context ?? underKGI, locale: locale).verdicts.first { $0.letter == letter }!
    }

    @Test func aWellFormedKPIPassesEveryLetter() {
        let check = SmartCheck(goal: makeGoal(), context: underKGI, locale: .en)
        #expect(check.passes, "\(check.verdicts)")
        #expect(check.verdicts.map(\.letter) == SmartCheck.Letter.allCases)
    }

    @Test func specific() {
        #expect(!verdict(makeGoal(metric: nil), .specific).pass)
        #expect(!verdict(makeGoal(metric: "  "), .specific).pass)
        #expect(!verdict(makeGoal(title: "x"), .specific).pass)
        #expect(verdict(makeGoal(), .specific).reason.contains("GRR"))
        let ksf = makeGoal(kind: .ksf, title: "オンボーディングの定着", metric: nil, unit: nil, baseline: nil, target: nil)
        #expect(!verdict(ksf, .specific).pass, "a KSF needs a description")
        var described = ksf
        described.description = "導入後90日で主要機能を使いこなす"
        #expect(verdict(described, .specific).pass)
    }

    @Test func measurable() {
        #expect(!verdict(makeGoal(target: nil), .measurable).pass)
        #expect(!verdict(makeGoal(unit: nil), .measurable).pass)
        #expect(verdict(makeGoal(), .measurable).reason.contains("95 %"))
        let ksf = makeGoal(kind: .ksf, metric: nil, unit: nil, baseline: nil, target: nil)
        #expect(!verdict(ksf, .measurable).pass, "a KSF without KPIs is not measured")
        let measured = SmartCheck.Context(ancestorKinds: [.kgi], measuringKPIs: ["GRR", "NPS"], bestPastActual: nil, achievableMultiple: 2)
        let pass = verdict(ksf, .measurable, context: measured)
        #expect(pass.pass)
        #expect(pass.reason.contains("GRR") && pass.reason.contains("NPS"), "it names the KPIs that measure it")
    }

    @Test func achievable() {
        #expect(verdict(makeGoal(baseline: 90, target: 170), .achievable).pass)
        #expect(!verdict(makeGoal(baseline: 90, target: 181), .achievable).pass, "more than 2× the baseline")
        #expect(!verdict(makeGoal(baseline: 90, target: 80), .achievable).pass, "an upward target below its baseline")
        #expect(!verdict(makeGoal(baseline: nil, target: 95), .achievable).pass, "nothing to judge against")
        let history = SmartCheck.Context(ancestorKinds: [.kgi], measuringKPIs: [], bestPastActual: 100, achievableMultiple: 2)
        #expect(verdict(makeGoal(baseline: 60, target: 190), .achievable, context: history).pass, "the best past actual counts")
        let strict = SmartCheck.Context(ancestorKinds: [.kgi], measuringKPIs: [], bestPastActual: nil, achievableMultiple: 1.5)
        #expect(!verdict(makeGoal(baseline: 90, target: 140), .achievable, context: strict).pass, "the multiple is configurable")
        // Downward: churned accounts from 10 to 4 is fine, to 4 with a 3× rule too, to 2 is not.
        #expect(verdict(makeGoal(metric: "Churn", unit: "件", baseline: 10, target: 6, direction: .down), .achievable).pass)
        #expect(!verdict(makeGoal(metric: "Churn", unit: "件", baseline: 10, target: 4, direction: .down), .achievable).pass)
        #expect(!verdict(makeGoal(metric: "Churn", unit: "件", baseline: 10, target: 12, direction: .down), .achievable).pass)
    }

    @Test func relevant() {
        let noParent = SmartCheck.Context(ancestorKinds: [], measuringKPIs: [], bestPastActual: nil, achievableMultiple: 2)
        #expect(!verdict(makeGoal(), .relevant, context: noParent).pass)
        let ksfOnly = SmartCheck.Context(ancestorKinds: [.ksf], measuringKPIs: [], bestPastActual: nil, achievableMultiple: 2)
        #expect(!verdict(makeGoal(), .relevant, context: ksfOnly).pass)
        #expect(verdict(makeGoal(), .relevant).pass)
        #expect(verdict(makeGoal(kind: .kgi), .relevant, context: noParent).pass, "a KGI is the top")
    }

    @Test func timeBound() {
        #expect(!verdict(makeGoal(due: nil), .timeBound).pass)
        #expect(!verdict(makeGoal(due: "2027-04-01"), .timeBound).pass, "the day after FY2026-H2")
        #expect(!verdict(makeGoal(due: "2026-09-30"), .timeBound).pass, "before the half starts")
        #expect(verdict(makeGoal(due: "2026-10-01"), .timeBound).pass)
    }

    @Test func reasonsInJapanese() {
        let check = SmartCheck(goal: makeGoal(unit: nil, due: nil), context: underKGI, locale: .ja)
        #expect(check.failing == [.measurable, .timeBound])
        #expect(check.verdicts.first { $0.letter == .measurable }!.reason == "目標値の単位がありません")
        #expect(check.verdicts.first { $0.letter == .timeBound }!.reason == "期限がありません")
    }
}
