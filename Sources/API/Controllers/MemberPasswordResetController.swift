import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Scheduler
import Store
import UseCases

/// An admin or owner, or a manager covering the member, issues a member a single-use password-reset link valid for
/// an hour. The link's token is shown once, here, and mailed to the member; only its SHA-256 is stored.
struct MemberPasswordResetController: RouteCollection {
    let store: Store
    /// Where people open Banso: the base of the link in the reset e-mail.
    let publicURL: String

    static let lifetime: TimeInterval = PasswordResetRequests.lifetime

    struct ResetDTO: Codable, Sendable {
        var id: UUID
        var memberId: UUID
        var createdAt: Date
        var expiresAt: Date
        /// Only in the answer to the create.
        var token: String?
        var link: String?
        init(_ r: PasswordResetRecord, token: String? = nil) {
            (id, memberId, createdAt, expiresAt) = (r.id, r.memberID, r.createdAt, r.expiresAt)
            self.token = token
            link = token.map { "\(SecretLinkRedirectController.resetPage)?token=\($0)" }
        }
    }

    static let schema = Schema.of(ResetDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.post, "/v1/members/{id}/password-reset", id: "createPasswordReset",
                  summary: "Issue a single-use password-reset link for a member, valid 1 hour, and e-mail it to them; the token and link are also shown once, here. Idempotency-Key honoured",
                  tag: "access", parameters: [Schema.pathID()],
                  responses: [201: ("Issued; `token` and `link` hold the secret", Self.schema)], problems: [404, 409], handler: create),
        ]
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "member")
        let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
        let secret = Secrets.newToken()
        return try await store.tenant(context) { tx, caller in
            let resets = PasswordResets(tx, caller)
            let target = try await resets.target(id)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let reset = try await resets.issue(
                    target, tokenHash: Secrets.hash(token: secret),
                    link: publicURL + "\(SecretLinkRedirectController.resetPage)?token=\(secret)", lifetime: Self.lifetime)
                return try .init(ResetDTO(reset, token: secret), replay: ResetDTO(reset, token: nil))
            }
        }
    }
}
