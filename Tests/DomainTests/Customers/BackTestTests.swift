import Domain
import Testing

@Suite struct BackTestTests {
    func observations(_ groups: [(HealthGrade, RenewalOutcome, Int)]) -> [BackTestObservation] {
        groups.flatMap { grade, outcome, count in Array(repeating: BackTestObservation(grade: grade, outcome: outcome), count: count) }
    }

    @Test func aPerfectPredictor() throws {
        let result = BackTest.evaluate(observations([(.d, .churned, 5), (.c, .contracted, 5), (.b, .renewed, 5), (.a, .expanded, 5)]))
        #expect(result.renewals == 20)
        #expect(!result.tooSmall)
        #expect(result.auc == 1)
    }

    @Test func anInvertedPredictor() {
        let result = BackTest.evaluate(observations([(.a, .churned, 10), (.d, .renewed, 10)]))
        #expect(result.auc == 0)
    }

    @Test func aUselessPredictorIsOneHalf() {
        // Every renewal graded B: every pair is a tie, each counting half.
        let result = BackTest.evaluate(observations([(.b, .churned, 5), (.b, .contracted, 5), (.b, .renewed, 6), (.b, .expanded, 4)]))
        #expect(result.auc == 0.5)
        // Losses and keeps spread identically over the grades is chance too.
        let spread = BackTest.evaluate(observations([(.a, .churned, 3), (.d, .churned, 3), (.a, .renewed, 7), (.d, .renewed, 7)]))
        #expect(spread.auc == 0.5)
    }

    /// Losses D×3, C×1, B×1; kept C×2, B×5, A×8. Pairs 5 × 15 = 75.
    /// D losses beat all 15 kept: 45. The C loss ties 2, beats 13: 14. The B loss ties 5 (2.5), beats 8: 10.5.
    /// AUC = 69.5 / 75.
    @Test func aHandComputedExample() throws {
        let result = BackTest.evaluate(observations([
            (.d, .churned, 2), (.d, .contracted, 1),
            (.c, .contracted, 1), (.c, .renewed, 2),
            (.b, .churned, 1), (.b, .renewed, 4), (.b, .expanded, 1),
            (.a, .renewed, 5), (.a, .expanded, 3),
        ]))
        #expect(result.renewals == 20)
        let auc = try #require(result.auc)
        #expect(abs(auc - 69.5 / 75) < 1e-12)
        #expect(result.counts[.d]?[.churned] == 2)
        #expect(result.counts[.b]?[.expanded] == 1)
        #expect(result.counts[.a]?[.churned] == 0, "zeros are present")
        let shares = try #require(result.shares)
        #expect(shares[.d]?[.churned] == 2.0 / 3)
        #expect(shares[.c]?[.renewed] == 2.0 / 3)
        #expect(shares[.b]?[.renewed] == 4.0 / 6)
        #expect(shares[.a]?[.expanded] == 3.0 / 8)
        #expect(shares[.a]?[.churned] == 0)
    }

    @Test func fewerThanTwentyRenewalsIsTooSmall() {
        let nineteen = BackTest.evaluate(observations([(.d, .churned, 9), (.a, .renewed, 10)]))
        #expect(nineteen.tooSmall)
        #expect(nineteen.renewals == 19)
        #expect(nineteen.counts[.d]?[.churned] == 9, "the counts are still answered")
        #expect(nineteen.counts[.a]?[.renewed] == 10)
        #expect(nineteen.shares == nil)
        #expect(nineteen.auc == nil)
        let empty = BackTest.evaluate([])
        #expect(empty.tooSmall && empty.renewals == 0 && empty.auc == nil)
    }

    @Test func withoutBothOutcomeClassesThereIsNoAUC() {
        let allKept = BackTest.evaluate(observations([(.a, .renewed, 12), (.c, .expanded, 8)]))
        #expect(!allKept.tooSmall)
        #expect(allKept.auc == nil)
        #expect(allKept.shares?[.c]?[.expanded] == 1)
    }

    @Test func everyHorizonIsEvaluated() {
        let results = BackTest.evaluate([
            .twelveMonths: observations([(.b, .churned, 10), (.b, .renewed, 10)]),
            .threeMonths: observations([(.d, .churned, 10), (.a, .renewed, 10)]),
            .sixMonths: observations([(.d, .churned, 1)]),
        ])
        #expect(results[.twelveMonths]?.auc == 0.5)
        #expect(results[.threeMonths]?.auc == 1, "closer to the renewal the grade knows more")
        #expect(results[.sixMonths]?.tooSmall == true)
    }
}
