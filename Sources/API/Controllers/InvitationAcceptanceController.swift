import Domain
import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// Accepting an invitation: public — whoever holds the link's token chooses a password and becomes a member of the
/// team with the role, signed in. The invitation page (the `Web` module's) does the same through
/// ``accept(token:password:displayName:requestID:)``.
struct InvitationAcceptanceController: RouteCollection {
    let store: Store
    let passwords: PasswordWork

    static let path = "/v1/auth/invitations/accept"

    struct AcceptInput: RequestBody {
        var token: String
        var displayName: String?
        var password: String

        static let schema = Schema.object(
            ["token": Schema.string, "display_name": Schema.string, "password": Schema.string], required: ["token", "password"])
    }

    /// A used, revoked, expired or unknown invitation token: the same answer for each, so it tells nothing.
    static var invalid: Problem {
        Problem(status: .gone, code: "invitation_invalid",
                detail: "this invitation link is unknown, already used, revoked or expired; ask for a new invitation")
    }

    var routes: [Route<AppRequestContext>] {
        [
            Route(.post, Self.path, id: "acceptInvitation",
                  summary: "Accept an invitation (the token of the e-mailed link): creates the member in the team with the role, and signs them in",
                  tag: "auth", body: AcceptInput.self, responses: [201: ("Member created and signed in", AuthController.sessionSchema)],
                  problems: [409, 410, 422], handler: accept),
        ]
    }

    @Sendable func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: AcceptInput.self, context: context)
        do {
            let (accepted, session) = try await accept(
                token: input.token, password: input.password, displayName: input.displayName, requestID: context.requestID)
            return try JSONResponse.make(
                AuthController.LoginDTO(
                    token: session, expiresAt: accepted.sessionExpiresAt, memberId: accepted.memberID, orgId: accepted.orgID),
                status: .created)
        } catch is Invitations.LinkInvalid {
            throw Self.invalid
        }
    }

    /// What the token does, for this route and the invitation page alike; answers the new member and their session
    /// token. Throws ``Invitations/LinkInvalid`` for a link that no longer works.
    func accept(token: String, password: String, displayName: String?, requestID: String) async throws
        -> (Invitations.Accepted, session: String)
    {
        let session = Secrets.newToken()
        let accepted = try await Invitations.accept(
            store, tokenHash: Secrets.hash(token: token), password: password, displayName: displayName,
            hashPassword: passwords.hash, session: (Secrets.hash(token: session), AuthController.sessionLifetime), requestID: requestID)
        return (accepted, session)
    }

    /// The org and invited address of a live invitation token, for the invitation page.
    func describe(token: String) async throws -> Invitations.About? {
        try await Invitations.describe(store, tokenHash: Secrets.hash(token: token))
    }
}
