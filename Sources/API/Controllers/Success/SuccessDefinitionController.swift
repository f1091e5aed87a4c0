import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/success-definitions`: what light and deep success mean (seed 003), org-wide or for one company — the
/// definition, whom it serves, its aims, its measures (manual, or bound to a usage metric), the responsible team
/// and the method. A company's own definition of a tier replaces the org's for its customers; there is one live
/// definition per tier and scope. Deleting archives.
struct SuccessDefinitionController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var tier: SuccessTier
        var companyId: UUID?
        var definition: String
        var audience: String
        var aims: [String]?
        var measures: [SuccessMeasureInput]
        var responsibleTeamId: UUID?
        var method: String?

        static let schema = Schema.object(
            ["tier": Schema.enumeration(SuccessTier.self), "company_id": Schema.uuid, "definition": Schema.string, "audience": Schema.string,
             "aims": Schema.array(Schema.string), "measures": Schema.array(SuccessMeasureInput.schema), "responsible_team_id": Schema.uuid,
             "method": Schema.string],
            required: ["tier", "definition", "audience", "measures"])
    }

    struct UpdateInput: RequestBody {
        var definition: String?
        var audience: String?
        var aims: [String]?
        var measures: [SuccessMeasureInput]?
        var responsibleTeamId: PatchField<UUID>
        var method: String?

        enum CodingKeys: String, CodingKey {
            case definition, audience, aims, measures, responsibleTeamId, method
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            definition = try c.decodeIfPresent(String.self, forKey: .definition)
            audience = try c.decodeIfPresent(String.self, forKey: .audience)
            aims = try c.decodeIfPresent([String].self, forKey: .aims)
            measures = try c.decodeIfPresent([SuccessMeasureInput].self, forKey: .measures)
            responsibleTeamId = try c.patch(.responsibleTeamId)
            method = try c.decodeIfPresent(String.self, forKey: .method)
        }

        static let schema = Schema.object(
            ["definition": Schema.string, "audience": Schema.string, "aims": Schema.array(Schema.string),
             "measures": Schema.array(SuccessMeasureInput.schema), "responsible_team_id": Schema.nullable(Schema.uuid), "method": Schema.string])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Success"
        return [
            Route(.get, "/v1/success-definitions", id: "listSuccessDefinitions",
                  summary: "The light and deep success definitions the caller may read (org-wide ones and those of companies in their scope)",
                  tag: tag,
                  parameters: [Schema.query("tier", Schema.enumeration(SuccessTier.self), "light or deep"),
                               Schema.query("company_id", Schema.uuid, "that company's own definitions"),
                               Schema.query("scope", Schema.enumeration(["org"]), "org: only the org-wide definitions"),
                               Schema.query("archived", Schema.boolean, "archived ones instead of live ones")] + Schema.paging,
                  responses: [200: ("Success definitions", Schema.list(SuccessDefinitionDTO.schema))], problems: [422], handler: list),
            Route(.post, "/v1/success-definitions", id: "createSuccessDefinition",
                  summary: "Define light or deep success for the org (success.manage org-wide) or one company (success.manage there); Idempotency-Key honoured",
                  tag: tag, body: CreateInput.self, responses: [201: ("Created", SuccessDefinitionDTO.schema)], problems: [403, 409, 422],
                  handler: create),
            Route(.get, "/v1/success-definitions/{id}", id: "getSuccessDefinition", summary: "Read a success definition", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Success definition", SuccessDefinitionDTO.schema)], problems: [404],
                  handler: get),
            Route(.patch, "/v1/success-definitions/{id}", id: "updateSuccessDefinition",
                  summary: "Edit a success definition (success.manage in its scope; If-Match honoured); measures keep their ids, new ones get one",
                  tag: tag, parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Success definition", SuccessDefinitionDTO.schema)], problems: [403, 404, 409, 412, 422], handler: update),
            Route(.delete, "/v1/success-definitions/{id}", id: "archiveSuccessDefinition",
                  summary: "Archive a success definition (its customers fall back on the org's); statuses and history are kept", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Archived", nil)], problems: [403, 404, 412], handler: archive),
        ]
    }

    static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let raw = request.uri.queryParameters[name[...]] else { return false }
        switch raw {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.invalidField(name, "\(name) is true or false")
        }
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let query = request.uri.queryParameters
        var filter = SuccessDefinitionRepository.Filter(archived: try Self.flag(request, "archived"))
        if let raw = query["tier"] {
            guard let tier = SuccessTier(rawValue: String(raw)) else { throw Problem.invalidField("tier", "tier is light or deep") }
            filter.tier = tier
        }
        filter.companyID = try request.uuidQuery("company_id")
        if let raw = query["scope"] {
            guard raw == "org" else { throw Problem.invalidField("scope", "scope is org") }
            filter.orgWide = true
        }
        let page = try await store.tenant(context) { tx, caller in
            try await SuccessDefinitions(tx, caller).list(filter, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(SuccessDefinitionDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let new = SuccessDefinitions.New(
            tier: input.tier, companyID: input.companyId, definition: input.definition, audience: input.audience, aims: input.aims ?? [],
            measures: try SuccessMeasureInput.measures(input.measures), responsibleTeamID: input.responsibleTeamId, method: input.method ?? "")
        return try await store.tenant(context) { tx, caller in
            try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                try .init(SuccessDefinitionDTO(try await SuccessDefinitions(tx, caller).create(new)))
            }
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "success definition")
        return try await store.answer(context) { tx, caller in SuccessDefinitionDTO(try await SuccessDefinitions(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "success definition")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        var changes = SuccessDefinitions.Changes(
            definition: input.definition, audience: input.audience, aims: input.aims,
            measures: try input.measures.map(SuccessMeasureInput.measures), method: input.method)
        if !input.responsibleTeamId.isAbsent { changes.responsibleTeamID = .some(input.responsibleTeamId.applied(to: nil)) }
        return try await store.answer(context) { tx, caller in
            SuccessDefinitionDTO(try await SuccessDefinitions(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "success definition")
        let expected = try ETag.expectedVersion(request)
        _ = try await store.tenant(context) { tx, caller in try await SuccessDefinitions(tx, caller).archive(id, expectedVersion: expected) }
        return JSONResponse.noContent()
    }
}
