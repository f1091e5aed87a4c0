import API
import Domain
import Foundation
import Hummingbird
import Settings
import Store
import UseCases

/// `POST /customers/{id}/check-ups/send`: "send a check-up now" from the customer's success tab — to the contact
/// chosen (else the decision maker first), with the questionnaire chosen (else the team plan's, else the newest).
/// A refusal (nobody to mail, opted out, bounced, a check-up still open) is the error page in the reader's words.
struct CheckUpSendNowPage: Sendable {
    let services: AppServices

    struct Fields: Decodable, Sendable {
        var contact: String?
        var template: String?
    }

    func send(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let customer = try CheckUpPageText.id(context.parameters.get("id"), "customer not found")
        let typed = try await request.decodeForm(as: Fields.self, context: context)
        func optional(_ text: String?, _ message: String, _ field: String) throws -> UUID? {
            guard let text, !text.isEmpty else { return nil }
            guard let id = MeetingPageText.id(text) else { throw DomainError(.invalid, message, field: field) }
            return id
        }
        let contact = try optional(typed.contact, "the contact is not one of this customer's", "contact_id")
        let template = try optional(typed.template, "no such check-up template", "template_id")
        let publicURL = services.configuration.publicURL
        _ = try await services.store.tenant(context) { tx, caller in
            try await CheckUpSends(tx, caller).sendNow(customer: customer, contact: contact, template: template, publicURL: publicURL)
        }
        return .seeOther("/customers/\(customer.lowercased)/success?done=check-up-sent")
    }
}
