import Domain
import Testing

/// The health part's pure pieces: the default model, signal keys, the model spec, renewal outcomes from contracts,
/// and the grade distribution.
@Suite struct HealthPartTests {
    @Test func theDefaultModelIsVersionOneWithDeclaredNoDataScores() throws {
        let model = HealthModel.default
        #expect(model.version == 1)
        #expect(model.signals.map(\.kind) == [.nps, .openHighPriorityTickets, .daysSinceLastTouch])
        #expect(model.thresholds.a == 80 && model.thresholds.b == 60 && model.thresholds.c == 40)
        // Nothing known at all: NPS 40, no ticket counted as none (100), never touched 20.
        let silent = try model.score([:])
        #expect(abs(silent.total - (0.4 * 40 + 0.3 * 100 + 0.3 * 20)) < 1e-9)
        #expect(silent.contributions.allSatisfy { $0.hadNoData })
        let healthy = try model.score([.nps: 60, .openHighPriorityTickets: 0, .daysSinceLastTouch: 7])
        #expect(healthy.grade == .a && abs(healthy.total - 100) < 1e-9)
    }

    @Test func signalKeysRoundTrip() {
        for kind in [HealthSignalKind.nps, .openHighPriorityTickets, .daysSinceLastTouch, .usage(metric: "active_users"), .checkUpAnswers, .goalSheetProgress] {
            #expect(HealthSignalKind(key: kind.description) == kind)
        }
        #expect(HealthSignalKind(key: "usage:Active Users") == nil)
        #expect(HealthSignalKind(key: "usage:") == nil)
        #expect(HealthSignalKind(key: "mood") == nil)
    }

    @Test func aSpecRoundTripsAndNamesTheOffendingField() throws {
        let spec = HealthModelSpec(HealthModel.default)
        #expect(try spec.model(version: 1) == HealthModel.default)
        var bad = spec
        bad.signals[1].noDataScore = 120
        #expect(throws: DomainError(.invalid, "the no-data score is within 0–100", field: "signals[1].no_data_score")) { try bad.model(version: 2) }
        bad = spec
        bad.signals[0].normalisation = HealthModelSpec.Normalisation()
        #expect(throws: DomainError(.invalid, "a normalisation is either linear or steps", field: "signals[0].normalisation")) { try bad.model(version: 2) }
        bad = spec
        bad.signals[2].kind = "usage:"
        #expect((try? bad.model(version: 2)) == nil)
    }

    @Test func renewalOutcomesFromTheARRAroundTheRenewal() {
        #expect(RenewalOutcome.derive(arrBefore: 100, arrAfter: nil) == .churned)
        #expect(RenewalOutcome.derive(arrBefore: 100, arrAfter: 0) == .churned)
        #expect(RenewalOutcome.derive(arrBefore: 100, arrAfter: 80) == .contracted)
        #expect(RenewalOutcome.derive(arrBefore: 100, arrAfter: 100) == .renewed)
        #expect(RenewalOutcome.derive(arrBefore: 100, arrAfter: 130) == .expanded)
        #expect(RenewalOutcome.worst([.expanded, .contracted, .renewed]) == .contracted)
        #expect(RenewalOutcome.worst([]) == nil)
    }

    @Test func theDistributionHasEveryMonthAndTheABShare() {
        let oct = YearMonth(year: 2026, month: 10), nov = YearMonth(year: 2026, month: 11)
        let distribution = HealthDistribution(
            counts: [("team-1", oct, .a, 2), ("team-1", oct, .c, 2), ("team-1", nov, .b, 1), ("team-2", nov, .d, 3)], months: [oct, nov])
        #expect(distribution.rows.count == 4)
        let first = distribution.rows[0]
        #expect(first.group == "team-1" && first.month == oct && first.total == 4 && first.abShare == 0.5)
        let empty = distribution.rows.first { $0.group == "team-2" && $0.month == oct }
        #expect(empty?.total == 0 && empty?.abShare == nil)
        #expect(distribution.rows.last?.count(.d) == 3)
    }
}
