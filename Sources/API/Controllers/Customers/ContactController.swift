import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// A customer's contacts: `/v1/customers/{id}/contacts` and `/v1/contacts/{id}`, with erasure on request
/// (個人情報保護法). Reading follows the customer's read rule, writing its edit rule.
struct ContactController: RouteCollection {
    let store: Store

    struct CreateInput: RequestBody {
        var externalId: String?
        var name: String
        var email: String?
        var phone: String?
        var role: String?
        var decisionMaker: Bool?

        static let schema = Schema.object(
            ["external_id": Schema.string, "name": Schema.string, "email": Schema.string, "phone": Schema.string,
             "role": Schema.string, "decision_maker": Schema.boolean],
            required: ["name"])
    }

    struct UpdateInput: RequestBody {
        var externalId: PatchField<String>
        var name: String?
        var email: PatchField<String>
        var phone: PatchField<String>
        var role: PatchField<String>
        var decisionMaker: Bool?

        enum CodingKeys: String, CodingKey { case externalId, name, email, phone, role, decisionMaker }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            externalId = try c.patch(.externalId)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            email = try c.patch(.email)
            phone = try c.patch(.phone)
            role = try c.patch(.role)
            decisionMaker = try c.decodeIfPresent(Bool.self, forKey: .decisionMaker)
        }

        static let schema = Schema.object(
            ["external_id": Schema.nullable(Schema.string), "name": Schema.string, "email": Schema.nullable(Schema.string),
             "phone": Schema.nullable(Schema.string), "role": Schema.nullable(Schema.string), "decision_maker": Schema.boolean])
    }

    var routes: [Route<AuthenticatedContext>] {
        let tag = "customers"
        return [
            Route(.get, "/v1/customers/{id}/contacts", id: "listContacts", summary: "The customer's contacts (erased ones anonymised)",
                  tag: tag, parameters: [Schema.pathID()] + Schema.paging,
                  responses: [200: ("Contacts", Schema.list(ContactDTO.schema))], problems: [404, 422], handler: list),
            Route(.post, "/v1/customers/{id}/contacts", id: "createContact", summary: "Add a contact to the customer", tag: tag,
                  parameters: [Schema.pathID()], body: CreateInput.self, responses: [201: ("Created", ContactDTO.schema)],
                  problems: [403, 404, 409, 422], handler: create),
            Route(.get, "/v1/contacts/{id}", id: "getContact", summary: "Read a contact", tag: tag,
                  parameters: [Schema.pathID()], responses: [200: ("Contact", ContactDTO.schema)], problems: [404], handler: get),
            Route(.patch, "/v1/contacts/{id}", id: "updateContact", summary: "Edit a contact (If-Match honoured)", tag: tag,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Contact", ContactDTO.schema)],
                  problems: [403, 404, 409, 412, 422], handler: update),
            Route(.post, "/v1/contacts/{id}/erase", id: "eraseContact",
                  summary: "Erase the contact's personal data on request (個人情報保護法); NPS answers lose respondent and comment",
                  tag: tag, parameters: [Schema.pathID()], responses: [200: ("Erased contact", ContactDTO.schema)],
                  problems: [403, 404, 409], handler: erase),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let paging = try ListQuery(request)
        let page = try await store.tenant(context) { tx, caller in
            try await Contacts(tx, caller).list(customer: id, after: paging.cursor, limit: paging.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map(ContactDTO.init), nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "customer")
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let new = Contacts.New(
            externalID: input.externalId, name: input.name, email: input.email, phone: input.phone, role: input.role,
            decisionMaker: input.decisionMaker ?? false)
        return try await store.answer(context, status: .created) { tx, caller in
            ContactDTO(try await Contacts(tx, caller).create(customer: id, new))
        }
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contact")
        return try await store.answer(context) { tx, caller in ContactDTO(try await Contacts(tx, caller).get(id)) }
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contact")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        let changes = Contacts.Changes(
            externalID: input.externalId.optional, name: input.name, email: input.email.optional, phone: input.phone.optional,
            role: input.role.optional, decisionMaker: input.decisionMaker)
        return try await store.answer(context) { tx, caller in
            ContactDTO(try await Contacts(tx, caller).update(id, changes, expectedVersion: expected))
        }
    }

    @Sendable func erase(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contact")
        return try await store.answer(context) { tx, caller in ContactDTO(try await Contacts(tx, caller).erase(id)) }
    }
}
