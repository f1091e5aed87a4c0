import Database
import Domain
import Foundation
import Credentials
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// `/v1/invitations`: an owner, admin or manager invites an e-mail address into a team with a role, lists the
/// pending invitations they may manage, and revokes them. Accepting is public, in ``InvitationAcceptanceController``.
///
/// The link carries a random token shown once, in the answer to the create (and mailed to the invitee); only its
/// SHA-256 is stored.
struct InvitationController: RouteCollection {
    let store: Store
    /// Where people open Banso: the base of the link in the invitation e-mail.
    let publicURL: String


    struct CreateInput: RequestBody {
        var email: String
        var teamId: UUID
        /// Read as text so that an unknown role gets the use case's answer, which names the roles.
        var role: String
        var displayName: String?

        static let schema = Schema.object(
            ["email": Schema.string, "team_id": Schema.uuid, "role": Schema.enumeration(Role.self), "display_name": Schema.string],
            required: ["email", "team_id", "role"])
    }

    static let schema = Schema.of(InvitationDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "directory"
        return [
            Route(.get, "/v1/invitations", id: "listInvitations",
                  summary: "List pending invitations you may manage (never their tokens)", tag: tag,
                  parameters: Schema.paging + [Schema.query("team_id", Schema.uuid, "only this team's invitations")],
                  responses: [200: ("Pending invitations", Schema.list(Self.schema))], problems: [422], handler: list),
            Route(.post, "/v1/invitations", id: "createInvitation",
                  summary: "Invite an e-mail into a team with a role; the invitee is e-mailed the accept link in the org's language; the token and link are also shown once, here. Valid 7 days; Idempotency-Key honoured",
                  tag: tag, body: CreateInput.self, responses: [201: ("Invited; `token` and `link` hold the secret", Self.schema)],
                  problems: [409, 422], handler: create),
            Route(.delete, "/v1/invitations/{id}", id: "revokeInvitation", summary: "Revoke a pending invitation", tag: tag,
                  parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)], problems: [404, 409], handler: revoke),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let list = try ListQuery(request)
        let team = try request.uuidQuery("team_id")
        let page = try await store.tenant(context) { tx, caller in
            try await Invitations(tx, caller).pending(teamID: team, after: list.cursor, limit: list.limit)
        }
        return try JSONResponse.make(ListResponse(items: page.items.map { InvitationDTO($0) }, nextCursor: page.nextCursor))
    }

    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
        let secret = Secrets.newToken()
        return try await store.tenant(context) { tx, caller in
            let invitations = Invitations(tx, caller)
            let draft = try await invitations.draft(
                email: input.email, teamID: input.teamId, role: input.role, displayName: input.displayName)
            return try await Idempotency.run(request, body: body, identity: caller.identity, tx: tx) {
                let invitation = try await invitations.send(
                    draft, tokenHash: Secrets.hash(token: secret),
                    link: publicURL + "\(SecretLinkRedirectController.invitationPage)?token=\(secret)")
                return try .init(InvitationDTO(invitation, token: secret, link: "\(SecretLinkRedirectController.invitationPage)?token=\(secret)"), replay: InvitationDTO(invitation, token: nil))
            }
        }
    }

    @Sendable func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "invitation")
        try await store.tenant(context) { tx, caller in try await Invitations(tx, caller).revoke(id) }
        return JSONResponse.noContent()
    }
}
