import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// Mail to customer contacts: whether a contact may be mailed (`/v1/contacts/{id}/mail-state`), and bounces the
/// mail provider reports (`/v1/mail/bounces`): a hard bounce stops all mail to the address.
struct ContactMailController: RouteCollection {
    let store: Store

    struct BounceInput: RequestBody {
        var email: String
        var kind: ContactMailStates.BounceKind
        var reason: String?

        static let schema = Schema.object(
            ["email": Schema.string, "kind": Schema.enumeration(ContactMailStates.BounceKind.self), "reason": Schema.string],
            required: ["email", "kind"])
    }

    struct BounceDTO: Codable, Sendable {
        var email: String
        var kind: String
        var contactsMarked: [UUID]

        static let schema = Schema.of(BounceDTO.self, refining: ["kind": Schema.enumeration(["hard", "soft"])])
    }

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/contacts/{id}/mail-state", id: "getContactMailState",
                  summary: "Whether the contact may be mailed: opted out (特定電子メール法) or bounced", tag: "Check-ups",
                  parameters: [Schema.pathID()], responses: [200: ("Mail state", ContactMailStateDTO.schema)], problems: [404], handler: get),
            Route(.post, "/v1/mail/bounces", id: "recordMailBounce",
                  summary: "Record a bounce the mail provider reported; a hard one marks every contact with the address and stops mail to them (CS operations or admins, admin scope)",
                  tag: "Check-ups", scope: .admin, body: BounceInput.self, responses: [200: ("Recorded", BounceDTO.schema)], problems: [403, 422],
                  handler: bounce),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "contact")
        let state = try await store.tenant(context) { tx, caller in try await ContactMailStates(tx, caller).get(contact: id) }
        return try JSONResponse.make(ContactMailStateDTO(state))
    }

    @Sendable func bounce(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: BounceInput.self, context: context)
        let marked = try await store.tenant(context) { tx, caller in
            try await ContactMailStates(tx, caller).recordBounce(email: input.email, kind: input.kind, reason: input.reason)
        }
        return try JSONResponse.make(BounceDTO(email: input.email, kind: input.kind.rawValue, contactsMarked: marked))
    }
}
