import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/renewals`: the upcoming renewals view — active contracts whose notice deadline (解約予告期限, or end date
/// when not auto-renewing) falls within the next days, soonest first, with the customer, its health, open
/// urgent/high tickets and latest NPS. Support sees it without ARR.
struct RenewalController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/renewals", id: "upcomingRenewals",
                  summary: "Upcoming renewals by notice deadline (the whole window, soonest first; ARR only with contracts.read)",
                  tag: "customers",
                  parameters: [
                      Schema.query("within_days", ["type": "integer", "minimum": 1, "maximum": 730], "days ahead (default 120)"),
                      Schema.query("company_id", Schema.uuid, "customers of this company"),
                      Schema.query("team_id", Schema.uuid, "customers of this team"),
                      Schema.query("owner_id", ["oneOf": [Schema.uuid, Schema.enumeration(["me"])]], "customers this CSM owns (`me` for the caller)"),
                  ],
                  responses: [200: ("Renewals", Schema.of(RenewalListDTO.self))], problems: [422], handler: list),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let days = try RetentionController.integer(request, "within_days", default: 120, in: 1...730)
        let owner = request.uri.queryParameters["owner_id"] == "me" ? context.identity.memberID : try request.uuidQuery("owner_id")
        let filter = RenewalRepository.Filter(
            companyID: try request.uuidQuery("company_id"), teamID: try request.uuidQuery("team_id"), ownerID: owner)
        let (today, items) = try await store.tenant(context) { tx, caller in
            try await Renewals(tx, caller).upcoming(withinDays: days, filter: filter)
        }
        return try JSONResponse.make(RenewalListDTO(today: today, withinDays: days, items: items.map(RenewalDTO.init), nextCursor: nil))
    }
}
