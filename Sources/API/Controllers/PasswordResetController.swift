import Domain
import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Scheduler
import Store
import UseCases

/// "Forgot my password" and redeeming a reset link: public. Issuing a link for a member is
/// ``MemberPasswordResetController``'s; the reset page (the `Web` module's) redeems through
/// ``redeem(token:password:requestID:)``.
struct PasswordResetController: RouteCollection {
    let store: Store
    let clientAddress: ClientAddress
    let passwords: PasswordWork

    static let redeemPath = "/v1/auth/password-reset/redeem"
    static let requestPath = "/v1/auth/password-reset/request"
    /// At most this many links an hour per member from anonymous requests (the job's rule).
    static let requestsPerHour = PasswordResetRequests.perHour

    struct RequestInput: RequestBody {
        var org: String
        var email: String

        static let schema = Schema.object(["org": Schema.string, "email": Schema.string], required: ["org", "email"])
    }
    struct RedeemInput: RequestBody {
        var token: String
        var password: String

        static let schema = Schema.object(["token": Schema.string, "password": Schema.string], required: ["token", "password"])
    }

    /// A used, expired or unknown reset token: the same answer for each.
    static var invalid: Problem {
        Problem(status: .gone, code: "reset_invalid",
                detail: "this password-reset link is unknown, already used or expired; ask for a new one")
    }

    var routes: [Route<AppRequestContext>] {
        let tag = "auth"
        return [
            Route(.post, Self.redeemPath, id: "redeemPasswordReset",
                  summary: "Set a new password with a reset link's token (from the e-mail); ends the member's sessions", tag: tag,
                  body: RedeemInput.self, responses: [204: ("Password set", nil)], problems: [410, 422], handler: redeem),
            Route(.post, Self.requestPath, id: "requestPasswordReset",
                  summary: "Forgot my password: e-mails a reset link to the member with this address in the org, if there is one (the answer is the same either way; at most 3 links an hour)",
                  tag: tag, body: RequestInput.self, responses: [202: ("Accepted", Schema.object(["status": Schema.string]))],
                  problems: [422, 429], handler: requestReset),
        ]
    }

    /// The answer never says whether the address belongs to someone: an anonymous caller must not learn who works
    /// where. Only a malformed request is refused.
    @Sendable func requestReset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: RequestInput.self, context: context)
        let email = try TenancyRules.email(input.email)
        let accepted = try await PasswordResetRequests.ask(
            store, org: input.org, email: email, clientAddress: clientAddress.resolve(request, context))
        if !accepted {
            throw Problem(
                status: .tooManyRequests, code: "rate_limited", detail: "too many reset requests from this address; try again later",
                headers: [.retryAfter: "3600"])
        }
        return try JSONResponse.make(
            ["status": "if the address belongs to a member of the organisation, a reset link is on its way"], status: .accepted)
    }

    @Sendable func redeem(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: RedeemInput.self, context: context)
        do {
            try await redeem(token: input.token, password: input.password, requestID: context.requestID)
        } catch is PasswordResets.LinkInvalid {
            throw Self.invalid
        }
        return JSONResponse.noContent()
    }

    /// What a reset token does, for this route and the reset page alike. Throws ``PasswordResets/LinkInvalid`` for a
    /// link that no longer works.
    func redeem(token: String, password: String, requestID: String) async throws {
        try await PasswordResets.redeem(
            store, tokenHash: Secrets.hash(token: token), password: password, hashPassword: passwords.hash, requestID: requestID)
    }

    /// The org's name and language for a live reset token, for the reset page.
    func describe(token: String) async throws -> PasswordResets.About? {
        try await PasswordResets.describe(store, tokenHash: Secrets.hash(token: token))
    }
}
