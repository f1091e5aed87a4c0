import Domain
import Testing

@Suite struct HealthModelTests {
    static let npsSignal = HealthSignal(kind: .nps, weight: 2, normalisation: .linear(worst: -100, best: 100), noDataScore: 30)
    static let ticketSignal = HealthSignal(
        kind: .openHighPriorityTickets, weight: 1,
        normalisation: .steps(below: 100, [.init(from: 1, score: 60), .init(from: 3, score: 20), .init(from: 5, score: 0)]),
        noDataScore: 100)
    static let touchSignal = HealthSignal(kind: .daysSinceLastTouch, weight: 1, normalisation: .linear(worst: 60, best: 7), noDataScore: 0)

    static func model(version: Int = 1, _ signals: [HealthSignal] = [npsSignal, ticketSignal, touchSignal]) throws -> HealthModel {
        try HealthModel(version: version, signals: signals, thresholds: GradeThresholds(a: 80, b: 60, c: 40))
    }

    /// Shares 2/4, 1/4, 1/4. NPS 20 → 60 → 30 points; 2 tickets → 60 → 15; 33.5 days → 50 → 12.5. Total 57.5: C.
    static let lastMonth: [HealthSignalKind: Double] = [.nps: 20, .openHighPriorityTickets: 2, .daysSinceLastTouch: 33.5]

    @Test func whyC() throws {
        let score = try Self.model().score(Self.lastMonth)
        #expect(score.total == 57.5)
        #expect(score.grade == .c)
        #expect(score.modelVersion == 1)
        #expect(score.contributions.map(\.kind) == [.nps, .openHighPriorityTickets, .daysSinceLastTouch])
        #expect(score.contributions.map(\.raw) == [20, 2, 33.5])
        #expect(score.contributions.map(\.normalised) == [60, 60, 50])
        #expect(score.contributions.map(\.weight) == [2, 1, 1])
        #expect(score.contributions.map(\.share) == [0.5, 0.25, 0.25])
        #expect(score.contributions.map(\.contribution) == [30, 15, 12.5])
        #expect(score.contributions.reduce(0) { $0 + $1.contribution } == score.total)
    }

    @Test func contributionsSumToTheTotalWithAwkwardWeights() throws {
        let model = try Self.model([
            HealthSignal(kind: .usage(metric: "active_users"), weight: 3, normalisation: .linear(worst: 0, best: 70), noDataScore: 10),
            HealthSignal(kind: .usage(metric: "logins_30d"), weight: 3, normalisation: .linear(worst: 0, best: 90), noDataScore: 10),
            HealthSignal(kind: .goalSheetProgress, weight: 1, normalisation: .linear(worst: 0, best: 1), noDataScore: 50),
        ])
        let score = try model.score([.usage(metric: "active_users"): 17, .usage(metric: "logins_30d"): 61, .goalSheetProgress: 0.35])
        let sum = score.contributions.reduce(0) { $0 + $1.contribution }
        #expect(abs(sum - score.total) < 1e-9)
        // 3/7 × 17/70 × 100 + 3/7 × 61/90 × 100 + 1/7 × 35 = 10.408… + 29.047… + 5 = 44.456…
        let expected = 3.0 / 7 * (1700.0 / 70) + 3.0 / 7 * (6100.0 / 90) + 35.0 / 7
        #expect(abs(score.total - expected) < 1e-9)
        #expect(score.grade == .c)
    }

    @Test func weightsAreNormalised() throws {
        let fractions = try Self.model([
            HealthSignal(kind: .nps, weight: 0.5, normalisation: .linear(worst: -100, best: 100), noDataScore: 30),
            HealthSignal(kind: .openHighPriorityTickets, weight: 0.25, normalisation: Self.ticketSignal.normalisation, noDataScore: 100),
            HealthSignal(kind: .daysSinceLastTouch, weight: 0.25, normalisation: .linear(worst: 60, best: 7), noDataScore: 0),
        ])
        let a = try fractions.score(Self.lastMonth), b = try Self.model().score(Self.lastMonth)
        #expect(a.total == b.total)
        #expect(a.contributions.map(\.share) == b.contributions.map(\.share))
        #expect(a.contributions.map(\.weight) == [0.5, 0.25, 0.25], "the declared weight is reported as declared")
    }

    @Test func noDataUsesTheDeclaredScore() throws {
        let score = try Self.model().score([.openHighPriorityTickets: 2, .daysSinceLastTouch: 33.5])
        let nps = try #require(score.contributions.first)
        #expect(nps.raw == nil)
        #expect(nps.hadNoData)
        #expect(nps.normalised == 30, "the declared no-data score, not the average and not left out")
        #expect(nps.contribution == 15)
        #expect(score.total == 42.5)
        #expect(score.grade == .c)
        let nothing = try Self.model().score([:])
        // 30 × ½ + 100 × ¼ + 0 × ¼.
        #expect(nothing.total == 40)
        #expect(nothing.grade == .c)
        #expect(nothing.contributions.allSatisfy { $0.hadNoData })
    }

    @Test func normalisations() {
        let touch = Self.touchSignal.normalisation
        #expect(touch.normalise(7) == 100)
        #expect(touch.normalise(3) == 100, "better than best is clamped")
        #expect(touch.normalise(60) == 0)
        #expect(touch.normalise(120) == 0, "worse than worst is clamped")
        #expect(touch.normalise(33.5) == 50)
        let usage = HealthNormalisation.linear(worst: 0, best: 50)
        #expect(usage.normalise(10) == 20)
        let tickets = Self.ticketSignal.normalisation
        #expect([0, 0.5, 1, 2, 3, 4, 5, 40].map(tickets.normalise) == [100, 100, 60, 60, 20, 20, 0, 0])
    }

    @Test func gradeThresholds() throws {
        let t = try GradeThresholds(a: 80, b: 60, c: 40)
        #expect([100, 80, 79.99, 60, 59.99, 40, 39.99, 0].map(t.grade) == [.a, .a, .b, .b, .c, .c, .d, .d])
        #expect(t.grade(60 - 1e-12) == .b, "float noise below a threshold reaches it")
        #expect(HealthGrade.d < .c && HealthGrade.c < .b && HealthGrade.b < .a)
    }

    @Test func thresholdsAreValidated() {
        func field(_ make: () throws -> GradeThresholds) -> String? {
            do { _ = try make(); return nil } catch let error as DomainError {
                #expect(error.code == .invalid)
                return error.field
            } catch { return "unexpected \(error)" }
        }
        #expect(field { try GradeThresholds(a: 60, b: 80, c: 40) } == "thresholds.a")
        #expect(field { try GradeThresholds(a: 80, b: 40, c: 40) } == "thresholds.b")
        #expect(field { try GradeThresholds(a: 101, b: 60, c: 40) } == "thresholds.a")
        #expect(field { try GradeThresholds(a: 80, b: 60, c: -1) } == "thresholds.c")
        #expect(field { try GradeThresholds(a: 80, b: .nan, c: 40) } == "thresholds.b")
        #expect(field { try GradeThresholds(a: 100, b: 50, c: 0) } == nil, "the bounds themselves are allowed")
    }

    @Test func modelsAreValidated() {
        func field(_ signals: [HealthSignal], version: Int = 1) -> String? {
            do { _ = try Self.model(version: version, signals); return nil } catch let error as DomainError {
                return error.field
            } catch { return "unexpected \(error)" }
        }
        var negative = Self.npsSignal
        negative.weight = -1
        var zero = Self.npsSignal
        zero.weight = 0
        var noData = Self.npsSignal
        noData.noDataScore = 120
        var flatLine = Self.npsSignal
        flatLine.normalisation = .linear(worst: 5, best: 5)
        var badSteps = Self.ticketSignal
        badSteps.normalisation = .steps(below: 100, [.init(from: 3, score: 20), .init(from: 1, score: 60)])
        var badStepScore = Self.ticketSignal
        badStepScore.normalisation = .steps(below: 110, [.init(from: 1, score: 60)])
        #expect(field([Self.npsSignal, Self.touchSignal]) == nil)
        #expect(field([Self.npsSignal, Self.ticketSignal], version: 0) == "version")
        #expect(field([]) == "signals")
        #expect(field([Self.npsSignal, Self.npsSignal]) == "signals[1].kind")
        #expect(field([Self.touchSignal, negative]) == "signals[1].weight")
        #expect(field([zero]) == "signals", "weights must not all be zero")
        #expect(field([zero, Self.touchSignal]) == nil, "one zero weight is allowed: tracked, not counted")
        #expect(field([noData]) == "signals[0].noDataScore")
        #expect(field([flatLine]) == "signals[0].normalisation")
        #expect(field([Self.npsSignal, badSteps]) == "signals[1].normalisation")
        #expect(field([badStepScore]) == "signals[0].normalisation")
        #expect(field([HealthSignal(kind: .usage(metric: "a"), weight: 1, normalisation: .linear(worst: 0, best: 1), noDataScore: 0),
                       HealthSignal(kind: .usage(metric: "b"), weight: 1, normalisation: .linear(worst: 0, best: 1), noDataScore: 0)]) == nil,
                "two usage metrics are two signals")
    }

    @Test func aValueThatIsNotANumberIsRejected() throws {
        #expect(throws: DomainError.self) { try Self.model().score([.nps: .nan]) }
    }

    @Test func whatChangedSinceLastMonth() throws {
        let model = try Self.model()
        let previous = try model.score(Self.lastMonth)
        // Tickets 2 → 4 (60 → 20: −10 points); last touch 33.5 → 7 days (50 → 100: +12.5); NPS unchanged.
        let current = try model.score([.nps: 20, .openHighPriorityTickets: 4, .daysSinceLastTouch: 7])
        #expect(current.total == 60)
        #expect(current.grade == .b)
        let change = HealthScore.compare(previous, current)
        #expect(change.totalDelta == 2.5)
        #expect(change.previousGrade == .c && change.currentGrade == .b)
        #expect(!change.gradeDropped)
        #expect(change.sameModelVersion)
        #expect(change.signals.map(\.kind) == [.daysSinceLastTouch, .openHighPriorityTickets, .nps], "largest move first")
        #expect(change.signals.map(\.delta) == [12.5, -10, 0])

        let back = HealthScore.compare(current, previous)
        #expect(back.gradeDropped, "B → C is a drop")
        #expect(back.totalDelta == -2.5)
    }

    @Test func comparingAcrossModelVersions() throws {
        let previous = try Self.model().score(Self.lastMonth)
        let usage = HealthSignal(kind: .usage(metric: "active_users"), weight: 4, normalisation: .linear(worst: 0, best: 100), noDataScore: 0)
        let v2 = try Self.model(version: 2, [Self.npsSignal, Self.ticketSignal, Self.touchSignal, usage])
        // Shares 2/8, 1/8, 1/8, 4/8: 15 + 7.5 + 6.25 + 0.5 × 10 = 33.75 → D.
        var inputs = Self.lastMonth
        inputs[.usage(metric: "active_users")] = 10
        let current = try v2.score(inputs)
        #expect(current.total == 33.75)
        let change = HealthScore.compare(previous, current)
        #expect(!change.sameModelVersion)
        #expect(change.gradeDropped)
        let added = try #require(change.signals.first { $0.kind == .usage(metric: "active_users") })
        #expect(added.previous == nil)
        #expect(added.delta == 5)
        #expect(change.signals.first?.kind == .nps, "NPS lost 15 points to the new weights, the largest move")
        #expect(change.signals.first?.delta == -15)
    }
}
