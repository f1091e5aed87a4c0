import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `GET /v1/audit`: the append-only log of changes, newest first, for owners and admins.
struct AuditController: RouteCollection {
    let store: Store

    struct EventDTO: Codable, Sendable {
        var id: UUID
        var at: Date
        var actorId: UUID?
        var tokenId: UUID?
        var action: String
        var resourceType: String
        var resourceId: UUID?
        var before: JSONText?
        var after: JSONText?
        var requestId: String?
    }

    /// Stored JSON passed through as JSON, not as a string.
    struct JSONText: Codable, Sendable, DescribesOwnSchema {
        let text: String
        func encode(to encoder: any Encoder) throws {
            try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)).encode(to: encoder)
        }
        init(text: String) { self.text = text }
        init(from decoder: any Decoder) throws {
            text = String(decoding: try JSONEncoder().encode(JSONValue(from: decoder)), as: UTF8.self)
        }
        /// An audit entry's before and after are objects (absent where there is none).
        static let ownSchema: JSONValue = ["type": ["object", "null"]]
    }

    static let schema = Schema.of(EventDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/audit", id: "listAudit", summary: "The audit log, newest first (owners and admins)", tag: "access",
                  scope: .admin,
                  parameters: Schema.paging + [Schema.query("resource_type", Schema.string, "e.g. company, team, member, grant, api_token"),
                                               Schema.query("resource_id", Schema.uuid, "one resource"),
                                               Schema.query("actor_id", Schema.uuid, "changes by one member")],
                  responses: [200: ("Events", Schema.list(Self.schema))], problems: [422], handler: list),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the query is read, so a caller without the right gets 403 whatever they ask.
        try AuditLog.requireRead(context.identity)
        let list = try ListQuery(request)
        let type = request.uri.queryParameters["resource_type"].map(String.init)
        let resource = try request.uuidQuery("resource_id")
        let actor = try request.uuidQuery("actor_id")
        let page = try await store.tenant(context) { tx, caller in
            try await AuditLog(tx, caller).list(
                resourceType: type, resourceID: resource, actorID: actor, before: list.cursor, limit: list.limit)
        }
        let items = page.items.map {
            EventDTO(
                id: $0.id, at: $0.at, actorId: $0.actorID, tokenId: $0.tokenID, action: $0.action,
                resourceType: $0.resourceType, resourceId: $0.resourceID, before: $0.before.map(JSONText.init),
                after: $0.after.map(JSONText.init), requestId: $0.requestID)
        }
        return try JSONResponse.make(ListResponse(items: items, nextCursor: page.nextCursor))
    }
}
