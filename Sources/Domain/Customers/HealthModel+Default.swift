/// The model an org starts with (issue 13): the three signals every CS team has from day one — NPS, open
/// high-priority tickets, days since the last touch — each with a declared normalisation and a declared score for
/// "no data", and the thresholds A ≥ 80, B ≥ 60, C ≥ 40. Version 1 of every org's model until someone changes it.
extension HealthModel {
    public static let `default`: HealthModel = {
        // Built from literals that satisfy every rule of `init`; a failure here is a programming error.
        try! HealthModel(
            version: 1,
            signals: [
                // The customer's NPS over the last 12 months (−100…100): −50 and below scores 0, +50 and above 100.
                // Silence reads as a mild risk (40), not as average and not as ignored.
                HealthSignal(kind: .nps, weight: 40, normalisation: .linear(worst: -50, best: 50), noDataScore: 40),
                // Open urgent/high tickets: none is 100, one or two 60, three or four 20, five or more 0.
                HealthSignal(
                    kind: .openHighPriorityTickets, weight: 30,
                    normalisation: .steps(below: 100, [HealthStep(from: 1, score: 60), HealthStep(from: 3, score: 20), HealthStep(from: 5, score: 0)]),
                    noDataScore: 100),
                // Days since the last meeting, call, mail or note: 14 days or fewer is 100, 90 or more 0. Never touched
                // at all is a risk (20).
                HealthSignal(kind: .daysSinceLastTouch, weight: 30, normalisation: .linear(worst: 90, best: 14), noDataScore: 20),
            ],
            thresholds: try! GradeThresholds(a: 80, b: 60, c: 40))
    }()
}
