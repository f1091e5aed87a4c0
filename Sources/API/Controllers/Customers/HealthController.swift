import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// A customer's health — "why C?" with every signal's value and contribution, history, scoring now — and the
/// org's grade distribution and back-test.
struct HealthController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        let tag = "health"
        return [
            Route(.get, "/v1/customers/{id}/health", id: "getCustomerHealth",
                  summary: "Why this grade: every signal's raw value, normalised value, weight, share and contribution, and what changed since last month",
                  tag: tag, parameters: [Schema.pathID()], responses: [200: ("Health", HealthExplanationDTO.schema)], problems: [404],
                  handler: explain),
            Route(.post, "/v1/customers/{id}/health/score", id: "scoreCustomerHealth",
                  summary: "Score the customer now with the current model", tag: tag, parameters: [Schema.pathID()],
                  responses: [200: ("Health", HealthExplanationDTO.schema)], problems: [404, 409], handler: score),
            Route(.get, "/v1/customers/{id}/health/history", id: "getCustomerHealthHistory",
                  summary: "The latest score of each month", tag: tag,
                  parameters: [Schema.pathID(), Schema.query("months", ["type": "integer", "minimum": 1, "maximum": 120], "how many months back (default 24)")],
                  responses: [200: ("History", HealthHistoryDTO.schema)], problems: [404, 422], handler: history),
            Route(.get, "/v1/reports/health", id: "getHealthReport",
                  summary: "Grade distribution per group and month, with the A/B share (each customer's latest score in the month)", tag: tag,
                  parameters: [
                      Schema.query("from", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "first month, YYYY-MM (default 11 months before `to`)"),
                      Schema.query("to", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "last month, YYYY-MM (default this month)"),
                      Schema.query("group_by", Schema.enumeration(HealthScoreRepository.Grouping.self), "org (default), company, team or csm"),
                  ],
                  responses: [200: ("Distribution", HealthReportDTO.schema)], problems: [422], handler: report),
            Route(.get, "/v1/health/backtest", id: "backTestHealth",
                  summary: "How well a model version's grades 12, 6 and 3 months before each renewal predicted its outcome", tag: tag,
                  parameters: [
                      Schema.query("version", ["type": "integer", "minimum": 1], "the model version (default the current one)"),
                      Schema.query("horizons", Schema.string, "comma-separated months before the renewal (default 12,6,3)"),
                  ],
                  responses: [200: ("Back-test", BackTestDTO.schema)], problems: [422], handler: backTest),
        ]
    }

    @Sendable func explain(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        return try await store.tenant(context) { tx, caller in
            try JSONResponse.make(HealthExplanationDTO(try await HealthScores(tx, caller).explain(id)))
        }
    }

    @Sendable func score(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        return try await store.tenant(context) { tx, caller in
            try JSONResponse.make(HealthExplanationDTO(try await HealthScores(tx, caller).scoreNow(id)))
        }
    }

    @Sendable func history(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        var months = 24
        if let raw = request.uri.queryParameters["months"] {
            guard let value = Int(String(raw)), (1...120).contains(value) else {
                throw Problem.invalidField("months", "months is a number from 1 to 120")
            }
            months = value
        }
        return try await store.tenant(context) { tx, caller in
            let items = try await HealthScores(tx, caller).history(id, months: months)
            return try JSONResponse.make(HealthHistoryDTO(
                customerId: id, months: months,
                items: items.map {
                    .init(month: YearMonth($0.month).description, grade: $0.grade, total: $0.total, modelVersion: $0.modelVersion,
                          scoredAt: $0.scoredAt, source: $0.source)
                }))
        }
    }

    @Sendable func report(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let from = try RevenueController.month(query["from"], field: "from"), to = try RevenueController.month(query["to"], field: "to")
        var groupBy = HealthScoreRepository.Grouping.org
        if let raw = query["group_by"] {
            guard let value = HealthScoreRepository.Grouping(rawValue: String(raw)) else {
                throw Problem.invalidField("group_by", "group_by is org, company, team or csm")
            }
            groupBy = value
        }
        return try await store.tenant(context) { tx, caller in
            let answer = try await HealthReports(tx, caller).distribution(from: from, to: to, groupBy: groupBy)
            return try JSONResponse.make(HealthReportDTO(
                from: answer.from.description, to: answer.to.description, groupBy: groupBy.rawValue,
                items: answer.distribution.rows.map {
                    .init(group: $0.group, month: $0.month.description, a: $0.a, b: $0.b, c: $0.c, d: $0.d, total: $0.total, abShare: $0.abShare)
                }))
        }
    }

    @Sendable func backTest(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        var version: Int?
        if let raw = query["version"] {
            guard let value = Int(String(raw)), value >= 1 else { throw Problem.invalidField("version", "version is a model version number") }
            version = value
        }
        var horizons = [12, 6, 3]
        if let raw = query["horizons"] {
            let parts = raw.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !parts.isEmpty, parts.count <= 12, parts.allSatisfy({ $0.map { (1...36).contains($0) } ?? false }) else {
                throw Problem.invalidField("horizons", "horizons are comma-separated numbers of months from 1 to 36")
            }
            horizons = parts.compactMap { $0 }
        }
        return try await store.tenant(context) { tx, caller in
            try JSONResponse.make(BackTestDTO(try await BackTests(tx, caller).run(version: version, horizons: horizons)))
        }
    }
}
