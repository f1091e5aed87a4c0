import Foundation
import HTTPTypes
import Hummingbird
import Scheduler
import UseCases

/// Links mailed before the pages existed pointed at the JSON routes; opening one (GET) leads to its page, which the
/// `Web` module serves. Nothing is redeemed here.
struct SecretLinkRedirectController: RouteCollection {
    static let invitationPage = Invitations.pagePath
    static let resetPage = PasswordResetRequests.pagePath

    var routes: [Route<AppRequestContext>] {
        let tag = "pages"
        let token = [Schema.query("token", Schema.string, "the link's token")]
        return [
            Route(.get, InvitationAcceptanceController.path, id: "invitationLinkBeforePages",
                  summary: "An invitation link mailed before the pages existed: 303 to its page", tag: tag, parameters: token,
                  responses: [303: ("To /invitations/accept", nil)], handler: { request, _ in Self.redirect(to: Self.invitationPage, request) }),
            Route(.get, PasswordResetController.redeemPath, id: "resetLinkBeforePages",
                  summary: "A reset link mailed before the pages existed: 303 to its page", tag: tag, parameters: token,
                  responses: [303: ("To /password-reset", nil)], handler: { request, _ in Self.redirect(to: Self.resetPage, request) }),
        ]
    }

    static func redirect(to path: String, _ request: Request) -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        let query = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
        return Response(
            status: .seeOther,
            headers: [.location: "\(path)?token=\(query)", HTTPField.Name("Referrer-Policy")!: "no-referrer", .cacheControl: "no-store"])
    }
}
