/// How far a goal sheet has come, 0–100: the health signal `goal_sheet_progress`.
///
/// The mean of the business KPI's progress and the usage goal's, each from baseline to target as
/// ``GoalProgress/measured(actual:baseline:target:direction:)`` computes a KPI's (capped at 0 and 100 %, so an
/// overshooting KPI cannot hide a stalled usage goal). A part without a current figure — or a usage goal without a
/// metric — is left out; with neither part measurable there is no progress (`nil`), which the health model treats
/// as a missing signal rather than as 0.
public enum GoalSheetProgress {
    public static func percent(content: GoalSheetContent, kpiActual: Double?, usageActual: Double?) -> Double? {
        var parts: [Double] = []
        if let actual = kpiActual, actual.isFinite {
            parts.append(GoalProgress.measured(actual: actual, baseline: content.kpiBaseline, target: content.kpiTarget, direction: content.kpiDirection))
        }
        if content.usageMetric != nil, let target = content.usageTarget, let actual = usageActual, actual.isFinite {
            parts.append(GoalProgress.measured(actual: actual, baseline: content.usageBaseline, target: target, direction: .up))
        }
        guard !parts.isEmpty else { return nil }
        return parts.reduce(0, +) / Double(parts.count) * 100
    }
}
