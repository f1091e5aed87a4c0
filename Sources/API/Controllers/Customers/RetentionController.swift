import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/reports/retention`: GRR and NRR for any window, per currency (never converted), grouped by company, team,
/// CSM (owner at the window's start) or segment, with the per-customer breakdown; and the rolling trend.
struct RetentionController: RouteCollection {
    let store: Store

    static let monthSchema: JSONValue = ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"]
    static let filters: [JSONValue] = [
        Schema.query("group_by", Schema.enumeration(RetentionReports.Grouping.self), "org (default), company, team, csm or segment"),
        Schema.query("company_id", Schema.uuid, "customers of this company (now)"),
        Schema.query("team_id", Schema.uuid, "customers of this team (now)"),
        Schema.query("owner_id", Schema.uuid, "customers this CSM owned at the window's start"),
        Schema.query("segment", Schema.string, "customers of this segment"),
    ]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "reports"
        return [
            Route(.get, "/v1/reports/retention", id: "retentionReport",
                  summary: "GRR and NRR: cohort = customers with revenue in the start month; per currency; with breakdown=true every cohort customer's movement",
                  tag: tag,
                  parameters: [Schema.query("start", Self.monthSchema, "the cohort's month (default: 12 months before end)"),
                               Schema.query("end", Self.monthSchema, "the month measured (default: last month)"),
                               Schema.query("breakdown", Schema.boolean, "add the per-customer lines")] + Self.filters,
                  responses: [200: ("Report", Schema.of(RetentionReportDTO.self))], problems: [422], handler: report),
            Route(.get, "/v1/reports/retention/trend", id: "retentionTrend",
                  summary: "The rolling GRR/NRR of each month (for a chart): each point's window ends in that month", tag: tag,
                  parameters: [Schema.query("months", ["type": "integer", "minimum": 1, "maximum": 36], "points (default 12)"),
                               Schema.query("window", ["type": "integer", "minimum": 1, "maximum": 36], "window length in months (default 12)"),
                               Schema.query("end", Self.monthSchema, "the last point's month (default: last month)")] + Self.filters,
                  responses: [200: ("Trend", Schema.of(RetentionTrendDTO.self))], problems: [422], handler: trend),
        ]
    }

    static func grouping(_ request: Request) throws -> RetentionReports.Grouping {
        guard let raw = request.uri.queryParameters["group_by"] else { return .org }
        guard let grouping = RetentionReports.Grouping(rawValue: String(raw)) else {
            throw Problem.invalidField("group_by", "group_by is org, company, team, csm or segment")
        }
        return grouping
    }

    static func filter(_ request: Request) throws -> RetentionReports.Filter {
        let segment = request.uri.queryParameters["segment"].map(String.init)
        if let segment, segment.isEmpty || segment.count > 100 {
            throw Problem.invalidField("segment", "segment has 1 to 100 characters")
        }
        return RetentionReports.Filter(
            companyID: try request.uuidQuery("company_id"), teamID: try request.uuidQuery("team_id"),
            ownerID: try request.uuidQuery("owner_id"), segment: segment)
    }

    static func integer(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let raw = request.uri.queryParameters[name[...]] else { return value }
        guard let number = Int(String(raw)), range.contains(number) else {
            throw Problem.invalidField(name, "\(name) is an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let start = try RevenueController.month(query["start"], field: "start")
        let end = try RevenueController.month(query["end"], field: "end")
        let grouping = try Self.grouping(request)
        let filter = try Self.filter(request)
        let breakdown = try SupportQuery.bool(request, "breakdown") ?? false
        let answer = try await store.tenant(context) { tx, caller in
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID).today
            let last = end ?? YearMonth(today).adding(months: -1)
            let first = start ?? last.adding(months: -12)
            guard first <= last else { throw Problem.invalidField("start", "start is on or before end") }
            guard first.months(to: last) <= 120 else { throw Problem.invalidField("start", "a window spans at most 120 months") }
            let window = try RetentionWindow(start: first, end: last)
            return RetentionReportDTO(
                try await RetentionReports(tx, caller).report(window: window, grouping: grouping, filter: filter, breakdown: breakdown))
        }
        return try JSONResponse.make(answer)
    }

    @Sendable func trend(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let months = try Self.integer(request, "months", default: 12, in: 1...36)
        let window = try Self.integer(request, "window", default: 12, in: 1...36)
        let end = try RevenueController.month(request.uri.queryParameters["end"], field: "end")
        let grouping = try Self.grouping(request)
        let filter = try Self.filter(request)
        let answer = try await store.tenant(context) { tx, caller in
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID).today
            let last = end ?? YearMonth(today).adding(months: -1)
            let points = try await RetentionReports(tx, caller).trend(last: last, months: months, length: window, grouping: grouping, filter: filter)
            return RetentionTrendDTO(
                groupBy: grouping, window: window,
                points: points.map { .init(month: $0.window.end.description, start: $0.window.start.description, groups: $0.groups.map(RetentionGroupDTO.init)) })
        }
        return try JSONResponse.make(answer)
    }
}

/// `POST /v1/goals/{id}/bound-value`: a bound KPI's value for a check-in period, written into its open check-in.
struct BoundMetricController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.post, "/v1/goals/{id}/bound-value", id: "goalBoundValue",
                  summary: "Compute a bound KPI's value (GRR, NRR, NPS, A/B share; sessions held, touches, process steps done) for a check-in period and write it into the open check-in",
                  tag: "goals",
                  parameters: [Schema.pathID(), Schema.query("period", Schema.string, "the check-in period (default: the one just ended)")],
                  responses: [200: ("Value", Schema.of(BoundValueDTO.self))], problems: [403, 404, 409, 422], handler: compute),
        ]
    }

    @Sendable func compute(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "goal")
        let period = request.uri.queryParameters["period"].map(String.init)
        let result = try await store.tenant(context) { tx, caller in try await BoundMetrics(tx, caller).compute(goal: id, period: period) }
        return try JSONResponse.make(BoundValueDTO(result))
    }
}
