import Domain
import Foundation
import Testing

@Suite struct GoalProgressTests {
    @Test func upward() {
        #expect(GoalProgress.measured(actual: 92.5, baseline: 90, target: 95, direction: .up) == 0.5)
        #expect(GoalProgress.measured(actual: 97, baseline: 90, target: 95, direction: .up) == 1, "overshoot caps at 1")
        #expect(GoalProgress.measured(actual: 85, baseline: 90, target: 95, direction: .up) == 0, "backwards is 0")
        #expect(GoalProgress.measured(actual: 30, baseline: nil, target: 120, direction: .up) == 0.25, "no baseline starts at 0")
    }

    @Test func downward() {
        #expect(GoalProgress.measured(actual: 8, baseline: 10, target: 6, direction: .down) == 0.5)
        #expect(GoalProgress.measured(actual: 5, baseline: 10, target: 6, direction: .down) == 1)
        #expect(GoalProgress.measured(actual: 12, baseline: 10, target: 6, direction: .down) == 0)
        #expect(GoalProgress.measured(actual: 6, baseline: nil, target: 6, direction: .down) == 1)
        #expect(GoalProgress.measured(actual: 7, baseline: nil, target: 6, direction: .down) == 0)
    }

    @Test func holdingALevel() {
        #expect(GoalProgress.measured(actual: 95, baseline: 95, target: 95, direction: .up) == 1)
        #expect(GoalProgress.measured(actual: 94, baseline: 95, target: 95, direction: .up) == 0)
    }

    @Test func rollUpIsWeightedAndSkipsUnreported() {
        #expect(GoalProgress.rollUp([(0.5, 1), (1, 1)]) == 0.75)
        #expect(GoalProgress.rollUp([(0.5, 3), (1, 1)]) == 0.625)
        #expect(GoalProgress.rollUp([(nil, 1), (0.4, 1)]) == 0.4)
        #expect(GoalProgress.rollUp([(nil, 1)]) == nil)
    }

    @Test func treeRollsUpThroughKSFsToTheKGI() {
        let kgi = UUID(), ksf1 = UUID(), ksf2 = UUID(), grr = UUID(), nrr = UUID(), nps = UUID()
        let nodes: [GoalTreeProgress.Node] = [
            .init(id: kgi, parentID: nil, kind: .kgi, baseline: 0, target: 100, direction: .up, weight: 1, actual: 10),
            .init(id: ksf1, parentID: kgi, kind: .ksf, baseline: nil, target: nil, direction: .up, weight: 1, actual: nil),
            .init(id: ksf2, parentID: kgi, kind: .ksf, baseline: nil, target: nil, direction: .up, weight: 1, actual: nil),
            .init(id: grr, parentID: ksf1, kind: .kpi, baseline: 90, target: 95, direction: .up, weight: 1, actual: 95),
            .init(id: nrr, parentID: ksf1, kind: .kpi, baseline: 100, target: 110, direction: .up, weight: 1, actual: 100),
            .init(id: nps, parentID: ksf2, kind: .kpi, baseline: 10, target: 30, direction: .up, weight: 1, actual: 15),
        ]
        let progress = GoalTreeProgress.compute(nodes)
        #expect(progress[grr] == 1)
        #expect(progress[nrr] == 0)
        #expect(progress[ksf1] == 0.5)
        #expect(progress[nps] == 0.25)
        #expect(progress[ksf2] == 0.25)
        #expect(progress[kgi] == 0.375, "a KGI with children rolls up rather than using its own actual")
    }
}
