import Domain
import Foundation

/// A goal as the API shows it.
struct GoalDTO: Codable, Sendable {
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
    var createdAt: Date
    var updatedAt: Date
    var version: Int
    var smart: SmartDTO?

    init(_ g: Goal, smart: SmartDTO? = nil) {
        id = g.id
        kind = g.kind
        parentID = g.parentID
        title = g.title
        description = g.description
        ownerID = g.ownerID
        scope = g.scopeKind
        companyID = g.companyID
        teamID = g.teamID
        period = g.period.description
        periodStart = g.period.start
        periodEnd = g.period.end
        metric = g.metric
        unit = g.unit
        baseline = g.baseline
        target = g.target
        direction = g.direction
        dueDate = g.dueDate
        status = g.status
        cadence = g.cadence
        priorCadence = g.cadenceSwitch?.prior
        cadenceFrom = g.cadenceSwitch?.from
        weight = g.weight
        copiedFromID = g.copiedFromID
        createdAt = g.createdAt
        updatedAt = g.updatedAt
        version = g.version
        self.smart = smart
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "kind": Schema.enumeration(Goal.Kind.self),
         "parent_id": Schema.nullable(Schema.uuid), "title": Schema.string, "description": Schema.nullable(Schema.string),
         "owner_id": Schema.uuid, "scope": Schema.enumeration(Goal.ScopeKind.self),
         "company_id": Schema.nullable(Schema.uuid), "team_id": Schema.nullable(Schema.uuid),
         "period": Schema.string, "period_start": Schema.date, "period_end": Schema.date,
         "metric": Schema.nullable(Schema.string), "unit": Schema.nullable(Schema.string),
         "baseline": Schema.nullable(Schema.number), "target": Schema.nullable(Schema.number),
         "direction": Schema.enumeration(Goal.Direction.self), "due_date": Schema.nullable(Schema.date),
         "status": Schema.enumeration(Goal.Status.self),
         "cadence": Schema.enumeration(Cadence.self), "weight": Schema.number,
         "prior_cadence": Schema.nullable(Schema.enumeration(Cadence.self)), "cadence_from": Schema.nullable(Schema.date),
         "copied_from_id": Schema.nullable(Schema.uuid), "created_at": Schema.dateTime, "updated_at": Schema.dateTime,
         "version": Schema.integer, "smart": SmartDTO.schema],
        required: ["id", "kind", "title", "owner_id", "scope", "period", "direction", "status", "cadence", "version"])
}

/// The SMART verdicts: one per letter, `pass` or `fail`, with the reason in the reader's language.
struct SmartDTO: Codable, Sendable {
    struct Letter: Codable, Sendable {
        var letter: SmartCheck.Letter
        var verdict: String
        var reason: String
    }
    var passes: Bool
    /// `warn` or `block`: what the org does with a failing check.
    var mode: GoalSettings.SmartMode
    var letters: [Letter]

    init(_ check: SmartCheck, mode: GoalSettings.SmartMode) {
        passes = check.passes
        self.mode = mode
        letters = check.verdicts.map { Letter(letter: $0.letter, verdict: $0.pass ? "pass" : "fail", reason: $0.reason) }
    }

    static let schema = Schema.object(
        ["passes": Schema.boolean, "mode": Schema.enumeration(GoalSettings.SmartMode.self),
         "letters": Schema.array(Schema.object(
            ["letter": Schema.enumeration(SmartCheck.Letter.self),
             "verdict": Schema.enumeration(["pass", "fail"]), "reason": Schema.string]))])
}

extension GoalDTO {
    /// The same object `APIJSON.encoder` writes (sorted keys, nil members left out), for large answers.
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.member("baseline", baseline)
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
