import Domain
import Foundation

/// A goal as the API shows it.
struct GoalDTO: Codable, Sendable, Versioned {
    var id: UUID
    var kind: Goal.Kind
    var parentID: UUID?
    var title: String
    var description: String?
    var ownerID: UUID
    var scope: Goal.ScopeKind
    var companyID: UUID?
    var teamID: UUID?
    var period: String
    var periodStart: LocalDate
    var periodEnd: LocalDate
    var metric: String?
    var unit: String?
    var baseline: Double?
    var target: Double?
    var direction: Goal.Direction
    var dueDate: LocalDate?
    var status: Goal.Status
    var cadence: Cadence
    /// While a change of cadence waits for the current period to end: the cadence still in force, and the day the
    /// new one starts.
    var priorCadence: Cadence?
    var cadenceFrom: LocalDate?
    var weight: Double
    var copiedFromID: UUID?
    /// The computed metric the KPI is bound to (its check-ins fill their actual by themselves).
    var boundMetric: BoundMetric?
    var createdAt: Date
    var updatedAt: Date
    var version: Int
    var smart: SmartDTO?

    init(_ g: Goal, smart: SmartDTO? = nil) {
        (id, kind, parentID, title, description, ownerID) = (g.id, g.kind, g.parentID, g.title, g.description, g.ownerID)
        (scope, companyID, teamID) = (g.scopeKind, g.companyID, g.teamID)
        (period, periodStart, periodEnd) = (g.period.description, g.period.start, g.period.end)
        (metric, unit, baseline, target, direction, dueDate) = (g.metric, g.unit, g.baseline, g.target, g.direction, g.dueDate)
        (status, cadence, priorCadence, cadenceFrom) = (g.status, g.cadence, g.cadenceSwitch?.prior, g.cadenceSwitch?.from)
        (weight, copiedFromID, createdAt, updatedAt, version) = (g.weight, g.copiedFromID, g.createdAt, g.updatedAt, g.version)
        boundMetric = g.boundMetric
        self.smart = smart
    }

    static let schema = Schema.of(GoalDTO.self)
}

/// The SMART verdicts: one per letter, `pass` or `fail`, with the reason in the reader's language.
struct SmartDTO: Codable, Sendable {
    struct Letter: Codable, Sendable {
        enum Verdict: String, Codable, Sendable, CaseIterable { case pass, fail }
        var letter: SmartCheck.Letter
        var verdict: Verdict
        var reason: String
    }
    var passes: Bool
    /// `warn` or `block`: what the org does with a failing check.
    var mode: GoalSettings.SmartMode
    var letters: [Letter]

    init(_ check: SmartCheck, mode: GoalSettings.SmartMode) {
        passes = check.passes
        self.mode = mode
        letters = check.verdicts.map { Letter(letter: $0.letter, verdict: $0.pass ? .pass : .fail, reason: $0.reason) }
    }
}

extension GoalDTO {
    /// The same object `APIJSON.encoder` writes (sorted keys, nil members left out), for large answers.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("baseline", baseline)
        json.member("bound_metric", boundMetric?.rawValue)
        json.key("cadence"); json.string(cadence.rawValue)
        json.member("cadence_from", cadenceFrom)
        json.member("company_id", companyID)
        json.member("copied_from_id", copiedFromID)
        json.key("created_at"); json.instant(createdAt)
        json.member("description", description)
        json.key("direction"); json.string(direction.rawValue)
        json.member("due_date", dueDate)
        json.key("id"); json.uuid(id)
        json.key("kind"); json.string(kind.rawValue)
        json.member("metric", metric)
        json.key("owner_id"); json.uuid(ownerID)
        json.member("parent_id", parentID)
        json.key("period"); json.string(period)
        json.key("period_end"); json.date(periodEnd)
        json.key("period_start"); json.date(periodStart)
        json.member("prior_cadence", priorCadence?.rawValue)
        json.key("scope"); json.string(scope.rawValue)
        json.key("status"); json.string(status.rawValue)
        json.member("target", target)
        json.member("team_id", teamID)
        json.key("title"); json.string(title)
        json.member("unit", unit)
        json.key("updated_at"); json.instant(updatedAt)
        json.key("version"); json.number(version)
        json.key("weight"); json.number(weight)
        json.endObject()
    }
}
