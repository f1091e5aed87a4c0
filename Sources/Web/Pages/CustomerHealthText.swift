import Domain
import Foundation
import Store
import UseCases

/// "Why this grade?" as the customer page's card and the health page both show it: every signal's raw value (or
/// "no data" and the declared value used), normalised score, weight and points, and what moved since the latest
/// score of an earlier month, biggest change first.
struct CustomerHealthText: Sendable {
    struct Signal: Sendable {
        let name: String
        let raw: String
        let noData: Bool
        let normalised: String
        let weight: String
        let points: String
    }

    struct Change: Sendable {
        let name: String
        let delta: String
        let direction: String
        let before: String
        let after: String
    }

    struct Month: Sendable {
        let month: String
        let grade: CustomerPageText.Grade
        let total: String
    }

    let scored: Bool
    let grade: CustomerPageText.Grade
    let total: String
    let summary: String
    let model: String
    let scoredAt: String
    let signals: [Signal]
    let changed: Bool
    let changeSummary: String?
    let changes: [Change]
    let thresholds: String?
    let history: [Month]
    let hasHistory: Bool

    init(_ explanation: HealthScores.Explanation, history months: [HealthScoreRepository.MonthGrade], t: Catalogue, f: PageFormat) {
        let latest = explanation.latest
        scored = latest != nil
        grade = CustomerPageText.grade(latest?.score.grade, t)
        total = latest.map { CustomerPageText.points($0.score.total, f) } ?? "–"
        summary = latest.map { t.format("cust_health_summary", ["grade": $0.score.grade.rawValue, "total": CustomerPageText.points($0.score.total, f)]) }
            ?? t["cust_health_unscored"]
        model = latest.map { t.format("cust_health_model", ["version": "\($0.score.modelVersion)"]) } ?? ""
        scoredAt = latest.map { f.dateTime($0.scoredAt) } ?? ""
        signals = (latest?.score.contributions ?? []).sorted { $0.contribution > $1.contribution }.map { c in
            Signal(
                name: CustomerPageText.signal(c.kind, t),
                raw: c.raw.map { f.number($0, fractionDigits: 1) } ?? t["cust_health_no_data"],
                noData: c.raw == nil,
                normalised: c.raw == nil
                    ? t.format("cust_health_declared", ["value": CustomerPageText.points(c.normalised, f)])
                    : CustomerPageText.points(c.normalised, f),
                weight: f.percent(c.share), points: CustomerPageText.points(c.contribution, f))
        }
        if let change = explanation.change, let previous = explanation.previous {
            changed = true
            changeSummary = t.format(
                change.sameModelVersion ? "cust_health_change" : "cust_health_change_model",
                ["from": change.previousGrade.rawValue, "to": change.currentGrade.rawValue,
                 "before": CustomerPageText.points(change.previousTotal, f), "after": CustomerPageText.points(change.currentTotal, f),
                 "month": f.month(year: previous.month.year, month: previous.month.month)])
            changes = change.signals.sorted { abs($0.delta) > abs($1.delta) }.map { s in
                Change(
                    name: CustomerPageText.signal(s.kind, t), delta: CustomerPageText.signed(s.delta, f),
                    direction: s.delta < -0.05 ? t["cust_health_down"] : (s.delta > 0.05 ? t["cust_health_up"] : t["cust_health_same"]),
                    before: s.previous.map { CustomerPageText.points($0.contribution, f) } ?? "–",
                    after: s.current.map { CustomerPageText.points($0.contribution, f) } ?? "–")
            }
        } else {
            changed = false
            changeSummary = nil
            changes = []
        }
        thresholds = explanation.thresholds.map {
            t.format(
                "cust_health_thresholds",
                ["a": CustomerPageText.points($0.a, f), "b": CustomerPageText.points($0.b, f), "c": CustomerPageText.points($0.c, f)])
        }
        history = months.map { Month(month: f.month(year: $0.month.year, month: $0.month.month), grade: CustomerPageText.grade($0.grade, t), total: CustomerPageText.points($0.total, f)) }
        hasHistory = !months.isEmpty
    }
}
