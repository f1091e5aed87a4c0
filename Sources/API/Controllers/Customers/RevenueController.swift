import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customers/{id}/revenue`: monthly revenue snapshots (each wins for its month) and the series that fills the
/// other months from the contracts.
struct RevenueController: RouteCollection {
    let store: Store

    struct PutInput: RequestBody {
        var amountMinor: Int64
        var currency: String

        static let schema = MoneyDTO.schema
    }

    static let monthParameter: JSONValue = [
        "name": "month", "in": "path", "required": true, "schema": ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"],
    ]

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/customers/{id}/revenue", id: "customerRevenue",
                  summary: "The monthly revenue series: a snapshot wins for its month, other months come from the contracts", tag: tag,
                  parameters: [Schema.pathID(),
                               Schema.query("from", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "first month (default: 11 months before `to`)"),
                               Schema.query("to", ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"], "last month (default: this month)")],
                  responses: [200: ("Series", Schema.of(RevenueSeriesDTO.self))], problems: [403, 404, 422], handler: series),
            Route(.put, "/v1/customers/{id}/revenue/{month}", id: "putRevenueSnapshot",
                  summary: "Set a month's revenue snapshot in a currency (source api)", tag: tag,
                  parameters: [Schema.pathID(), Self.monthParameter], body: PutInput.self,
                  responses: [200: ("Snapshot", Schema.of(RevenueSnapshotDTO.self))], problems: [403, 404, 422], handler: put),
            Route(.delete, "/v1/customers/{id}/revenue/{month}", id: "deleteRevenueSnapshot",
                  summary: "Remove a month's snapshots (one currency with `currency`); the month falls back to the contracts", tag: tag,
                  parameters: [Schema.pathID(), Self.monthParameter,
                               Schema.query("currency", ["type": "string", "pattern": "^[A-Z]{3}$"], "only this currency's snapshot")],
                  responses: [204: ("Removed", nil)], problems: [403, 404, 422], handler: delete),
        ]
    }

    static func month(_ raw: Substring?, field: String) throws -> YearMonth? {
        guard let raw else { return nil }
        guard raw.count == 7, let month = YearMonth(iso: String(raw)) else {
            throw Problem.invalidField(field, "\(field) is a month written YYYY-MM")
        }
        return month
    }

    func pathMonth(_ context: AuthenticatedContext) throws -> YearMonth {
        guard let raw = context.parameters.get("month"), raw.count == 7, let month = YearMonth(iso: raw) else {
            throw Problem.invalidField("month", "month is a month written YYYY-MM")
        }
        return month
    }

    @Sendable func series(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let query = request.uri.queryParameters
        let to = try Self.month(query["to"], field: "to")
        let from = try Self.month(query["from"], field: "from")
        let answer = try await store.tenant(context) { tx, caller in
            let today = try await GoalSettingsRepository.calendarFacts(tx, reader: caller.identity.memberID).today
            let last = to ?? YearMonth(today)
            let first = from ?? last.adding(months: -11)
            let months = try await Revenue(tx, caller).series(customer: id, from: first, through: last)
            return RevenueSeriesDTO(
                customerID: id, from: first.description, to: last.description,
                months: months.map { .init(month: $0.month.description, source: $0.source, revenue: $0.revenue.map(MoneyDTO.init)) })
        }
        return try JSONResponse.make(answer)
    }

    @Sendable func put(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let month = try pathMonth(context)
        let input = try await request.decodeJSON(as: PutInput.self, context: context)
        let amount = try MoneyDTO(amountMinor: input.amountMinor, currency: input.currency).money(field: "amount")
        let saved = try await store.tenant(context) { tx, caller in
            try await Revenue(tx, caller).put(customer: id, month: month, amount: amount)
        }
        return try JSONResponse.make(RevenueSnapshotDTO(saved))
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let month = try pathMonth(context)
        let currency = try request.uri.queryParameters["currency"].map { raw in
            guard let code = try? CurrencyCode(String(raw)) else {
                throw Problem.invalidField("currency", "a currency is a three-letter ISO 4217 code such as JPY or USD")
            }
            return code
        }
        try await store.tenant(context) { tx, caller in try await Revenue(tx, caller).delete(customer: id, month: month, currency: currency) }
        return JSONResponse.noContent()
    }
}

extension MoneyDTO {
    init(amountMinor: Int64, currency: String) {
        self.amountMinor = amountMinor
        self.currency = currency
    }
}
