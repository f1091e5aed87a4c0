import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/members/{id}/capacity`: a CSM's monthly program-hour capacity (default 120 h), with this month's program
/// hours against it. Set by the member's manager or an admin.
struct CSMCapacityController: RouteCollection {
    let store: Store

    struct SetInput: RequestBody {
        var monthlyMinutes: Int
        static let schema = Schema.object(["monthly_minutes": Schema.integer], required: ["monthly_minutes"])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Programs"
        let capacity = Schema.of(CSMCapacityDTO.self)
        return [
            Route(.get, "/v1/members/{id}/capacity", id: "getCSMCapacity",
                  summary: "A member's monthly program-hour capacity and this month's program hours against it", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Capacity", capacity)], problems: [404], handler: get),
            Route(.put, "/v1/members/{id}/capacity", id: "setCSMCapacity",
                  summary: "Set a member's monthly program-hour capacity (their manager or an admin; If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: SetInput.self, responses: [200: ("Capacity", capacity)],
                  problems: [403, 404, 412, 422], handler: set),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "member")
        return try await store.answer(context) { tx, caller in CSMCapacityDTO(try await CSMCapacities(tx, caller).get(member: id)) }
    }

    @Sendable func set(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "member")
        let input = try await request.decodeJSON(as: SetInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        return try await store.answer(context) { tx, caller in
            CSMCapacityDTO(try await CSMCapacities(tx, caller).set(member: id, monthlyMinutes: input.monthlyMinutes, expectedVersion: expected))
        }
    }
}
