import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/customer-fields`: the org's typed custom fields for customers. Read by anyone who reads customers, defined
/// by those who manage customers across the org.
struct CustomerFieldController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var key: String
        var labelJa: String
        var labelEn: String
        var type: CustomerField.FieldType
        var choices: [String]?
        var position: Int?

        static let schema = Schema.object(
            ["key": ["type": "string", "pattern": "^[a-z][a-z0-9_]{0,39}$"], "label_ja": Schema.string, "label_en": Schema.string,
             "type": Schema.enumeration(CustomerField.FieldType.self), "choices": Schema.array(Schema.string),
             "position": Schema.integer],
            required: ["key", "label_ja", "label_en", "type"])
    }

    struct UpdateInput: RequestBody {
        var labelJa: String?
        var labelEn: String?
        var type: CustomerField.FieldType?
        var choices: [String]?
        var position: Int?
        var archived: Bool?

        static let schema = Schema.object(
            ["label_ja": Schema.string, "label_en": Schema.string, "type": Schema.enumeration(CustomerField.FieldType.self),
             "choices": Schema.array(Schema.string), "position": Schema.integer, "archived": Schema.boolean])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/customer-fields", id: "listCustomerFields", summary: "The org's custom fields for customers", tag: tag,
                  responses: [200: ("Fields", Schema.list(CustomerFieldDTO.schema))], problems: [403], handler: list),
            Route(.post, "/v1/customer-fields", id: "createCustomerField", summary: "Define a custom field", tag: tag,
                  body: CreateInput.self, responses: [201: ("Created", CustomerFieldDTO.schema)], problems: [403, 409, 422],
                  handler: create),
            Route(.patch, "/v1/customer-fields/{id}", id: "updateCustomerField",
                  summary: "Relabel, reorder, change the choices or archive a field; its type changes only while unused (If-Match honoured)",
                  tag: tag, parameters: [Schema.pathID()], body: UpdateInput.self,
                  responses: [200: ("Field", CustomerFieldDTO.schema)], problems: [403, 404, 409, 412, 422], handler: update),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let fields = try await store.tenant(context) { tx, caller in try await CustomerFields(tx, caller).list() }
        return try JSONResponse.make(ListResponse(items: fields.map(CustomerFieldDTO.init), nextCursor: nil))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = CustomerFields.New(
            key: input.key, labelJa: input.labelJa, labelEn: input.labelEn, type: input.type, choices: input.choices ?? [],
            position: input.position)
        return try await store.answer(context, status: .created) { tx, caller in
            CustomerFieldDTO(try await CustomerFields(tx, caller).create(new))
        }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "custom field")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = CustomerFields.Changes(
            labelJa: input.labelJa, labelEn: input.labelEn, type: input.type, choices: input.choices, position: input.position,
            archived: input.archived)
        return try await store.answer(context) { tx, caller in
            CustomerFieldDTO(try await CustomerFields(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }
}
