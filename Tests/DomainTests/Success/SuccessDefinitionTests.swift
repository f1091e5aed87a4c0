import Domain
import Foundation
import Testing

/// Light and deep success definitions, a customer's status against them, and the measures that judge themselves.
@Suite struct SuccessDefinitionTests {
    let seats = SuccessMeasure(id: UUID(), name: "Seats in use", criterion: .metric(name: "seats", comparison: .atLeast, threshold: 50))
    let features = SuccessMeasure(id: UUID(), name: "Features adopted", criterion: .metric(name: "feature_count", comparison: .atLeast, threshold: 3))
    let closing = SuccessMeasure(id: UUID(), name: "Closing 3 days earlier", criterion: .manual)
    let watch = SuccessMeasure(id: UUID(), name: "Board uses the dashboard", criterion: .manual, required: false)

    func field(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch let error as DomainError { return error.field } catch { return "?" }
    }

    @Test func validationNamesTheField() throws {
        let good = try makeDefinition(measures: [closing, watch]).validated()
        #expect(good.requiredMeasures.map(\.id) == [closing.id])

        var blank = makeDefinition(measures: [closing])
        blank.definition = "  "
        #expect(field { try blank.validated() } == "definition")
        var noAudience = makeDefinition(measures: [closing])
        noAudience.audience = ""
        #expect(field { try noAudience.validated() } == "audience")
        #expect(field { try makeDefinition(measures: []).validated() } == "measures")
        #expect(field { try makeDefinition(measures: [watch]).validated() } == "measures", "no required measure: never reachable")
        let badMetric = SuccessMeasure(id: UUID(), name: "x", criterion: .metric(name: "Seats!", comparison: .atLeast, threshold: 1))
        #expect(field { try makeDefinition(measures: [closing, badMetric]).validated() } == "measures[1].metric")
        let infinite = SuccessMeasure(id: UUID(), name: "y", criterion: .metric(name: "seats", comparison: .atLeast, threshold: .infinity))
        #expect(field { try makeDefinition(measures: [infinite]).validated() } == "measures[0].threshold")
        let twin = SuccessMeasure(id: UUID(), name: "closing 3 DAYS earlier", criterion: .manual)
        #expect(field { try makeDefinition(measures: [closing, twin]).validated() } == "measures[1].name")
        #expect(field { try makeDefinition(measures: [closing, closing]).validated() } == "measures")
    }

    @Test func aCompanysOwnDefinitionReplacesTheOrgs() {
        let smb = UUID(), enterprise = UUID()
        let org = makeDefinition(tier: .light, measures: [closing])
        let smbLight = makeDefinition(tier: .light, company: smb, measures: [seats])
        var archived = makeDefinition(tier: .light, company: enterprise, measures: [features])
        archived.archivedAt = successInstant()
        let all = [org, smbLight, archived, makeDefinition(tier: .deep, measures: [features])]
        #expect(SuccessDefinition.applicable(tier: .light, companyID: smb, among: all)?.id == smbLight.id)
        #expect(SuccessDefinition.applicable(tier: .light, companyID: enterprise, among: all)?.id == org.id, "archived ones never apply")
        #expect(SuccessDefinition.applicable(tier: .deep, companyID: smb, among: [org, smbLight]) == nil)
    }

    @Test func reachedMeansEveryRequiredMeasureMet() {
        let definition = makeDefinition(tier: .deep, measures: [seats, closing, watch])
        let customer = UUID()
        func status(_ states: [(SuccessMeasure, MeasureStatus.State, String)]) -> SuccessStatus {
            SuccessStatus(customerID: customer, measures: states.map {
                MeasureStatus(measureID: $0.0.id, state: $0.1, evidence: "seen", assessedOn: day($0.2), assessedBy: nil)
            })
        }
        #expect(!status([]).reached(definition), "no status is unknown, not met")
        #expect(!status([(seats, .met, "2027-03-01")]).reached(definition))
        let both = status([(seats, .met, "2027-03-01"), (closing, .met, "2027-04-10"), (watch, .notMet, "2027-04-11")])
        #expect(both.reached(definition), "an optional measure never blocks")
        #expect(both.reachedOn(definition) == day("2027-04-10"), "the day the last required measure was met")
        #expect(both.counts(definition) == [.met: 2, .notMet: 1, .unknown: 0])

        // The latest judgement wins, whatever order the rows come in.
        let fellBack = status([(closing, .met, "2027-04-10"), (seats, .notMet, "2027-05-01"), (seats, .met, "2027-03-01")])
        #expect(fellBack.state(of: seats) == .notMet)
        #expect(!fellBack.reached(definition) && fellBack.reachedOn(definition) == nil)

        let company = UUID()
        #expect(both.reached(.deep, companyID: company, definitions: [definition]))
        #expect(!both.reached(.light, companyID: company, definitions: [definition]), "no light definition: not reached")
    }

    @Test func boundMeasuresAreJudgedFromFigures() {
        let today = day("2027-06-01")
        let readings = ["seats": SuccessMeasureEvaluation.Reading(value: 52, on: day("2027-05-31")),
                        "feature_count": SuccessMeasureEvaluation.Reading(value: 2.5, on: day("2027-05-30"))]
        let met = SuccessMeasureEvaluation.evaluate(seats, readings: readings, today: today)
        #expect(met?.state == .met)
        #expect(met?.evidence == "seats = 52 (>= 50) on 2027-05-31")
        #expect(met?.assessedOn == day("2027-05-31") && met?.assessedBy == nil)
        let notMet = SuccessMeasureEvaluation.evaluate(features, readings: readings, today: today)
        #expect(notMet?.state == .notMet)
        #expect(notMet?.evidence == "feature_count = 2.5 (>= 3) on 2027-05-30")
        let missing = SuccessMeasureEvaluation.evaluate(seats, readings: [:], today: today)
        #expect(missing?.state == .unknown && missing?.assessedOn == today, "no figure is unknown, not a fall")
        #expect(SuccessMeasureEvaluation.evaluate(closing, readings: readings, today: today) == nil, "manual measures are people's")
        #expect(SuccessMeasureEvaluation.evaluate(makeDefinition(measures: [seats, closing, features]), readings: readings, today: today).count == 2)

        #expect(MetricComparison.atLeast.holds(50, 50) && !MetricComparison.above.holds(50, 50))
        #expect(MetricComparison.atMost.holds(3, 3) && MetricComparison.below.holds(2, 3) && !MetricComparison.equal.holds(2, 3))
    }

    @Test func manualJudgementNeedsEvidenceToBeMet() throws {
        let bare = MeasureStatus(measureID: UUID(), state: .met, evidence: "  ", assessedOn: day("2027-04-01"), assessedBy: UUID())
        #expect(throws: DomainError(.missing, "say what shows the measure is met", field: "evidence")) { try bare.validated() }
        var notMet = bare
        notMet.state = .notMet
        #expect(try notMet.validated().evidence == nil)
    }

    @Test func criteriaRoundTripAsJSON() throws {
        let encoded = try JSONEncoder().encode([seats.criterion, closing.criterion])
        let text = String(decoding: encoded, as: UTF8.self)
        #expect(text.contains(#""comparison":">=""#) && text.contains(#""kind":"manual""#))
        #expect(try JSONDecoder().decode([SuccessMeasure.Criterion].self, from: encoded) == [seats.criterion, closing.criterion])
        #expect(SuccessTier.light < .deep && SuccessTier.deep.timelineTag == .deep)
    }

    @Test func attainmentByGroupWithDaysFromContractStart() {
        let rows = SuccessAttainmentReport.rows([
            .init(customerID: UUID(), group: "smb", contractStart: day("2027-01-01"), reached: [.light: day("2027-01-31")]),
            .init(customerID: UUID(), group: "smb", contractStart: day("2027-01-01"), reached: [.light: day("2027-03-02"), .deep: day("2027-07-01")]),
            .init(customerID: UUID(), group: "smb", contractStart: nil, reached: [.light: day("2027-02-01")]),
            .init(customerID: UUID(), group: "smb", contractStart: day("2027-02-01"), reached: [:]),
            .init(customerID: UUID(), group: "ent", contractStart: day("2027-04-01"), reached: [.light: day("2027-03-01")]),
        ])
        #expect(rows.map { "\($0.group)/\($0.tier)" } == ["ent/light", "ent/deep", "smb/light", "smb/deep"])
        let smbLight = rows[2]
        #expect(smbLight.share == ProgramFigures.Share(part: 3, whole: 4))
        #expect(smbLight.medianDays == 45, "30 and 60 days; the customer without a start counts in the share only")
        #expect(smbLight.p75Days == 52.5)
        #expect(rows[3].share.part == 1 && rows[3].medianDays == 181)
        #expect(rows[0].medianDays == 0, "reached before the contract started: 0 days, not negative")
        #expect(rows[1].share.rate == 0 && rows[1].medianDays == nil)
    }
}
