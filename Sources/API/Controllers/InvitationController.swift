import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/invitations`: an owner, admin or manager invites an e-mail address into a team with a role; the invitee
/// follows the link, chooses a password, and becomes a member of the team holding that role on it.
///
/// The link carries a random token shown once, in the answer to the create (a later issue sends it by e-mail);
/// only its SHA-256 is stored. Accepting is public: the token's look-up is declared system work, the only thing
/// that cannot know the org in advance, and the acceptance itself runs in the invitation's org's own transaction —
/// so a token can only ever create a member in the org that issued it.
struct InvitationController {
    let store: Store
    let passwords: PasswordWork
    /// Where people open Banso: the base of the link in the invitation e-mail.
    let publicURL: String

    static let lifetime: TimeInterval = 7 * 24 * 3600
    static let acceptPath = "/v1/auth/invitations/accept"
    static let publicPaths: Set<String> = [acceptPath]

    struct InvitationDTO: Codable, Sendable {
        var id: UUID
        var email: String
        var displayName: String?
        var teamId: UUID?
        var role: String
        var invitedBy: UUID
        var createdAt: Date
        var expiresAt: Date
        var revokedAt: Date?
        /// Only in the answer to the create.
        var token: String?
        var link: String?
        init(_ i: InvitationRecord, token: String? = nil) {
            id = i.id
            email = i.email
            displayName = i.displayName
            teamId = i.teamID
            role = i.role.rawValue
            invitedBy = i.invitedBy
            createdAt = i.createdAt
            expiresAt = i.expiresAt
            revokedAt = i.revokedAt
            self.token = token
            link = token.map { "\(SecretLinkPagesController.invitationPath)?token=\($0)" }
        }
    }
    struct CreateInput: Decodable {
        var email: String
        var teamId: UUID
        var role: String
        var displayName: String?
    }
    struct AcceptInput: Decodable {
        var token: String
        var displayName: String?
        var password: String
    }
    /// What the audit log keeps of an acceptance.
    struct AcceptedDTO: Encodable, Sendable {
        var member: MemberController.MemberDTO
        var grant: GrantController.GrantDTO
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "email": Schema.string, "display_name": Schema.nullable(Schema.string),
         "team_id": Schema.uuid, "role": Schema.enumeration(Role.allCases.map(\.rawValue)), "invited_by": Schema.uuid,
         "created_at": Schema.dateTime, "expires_at": Schema.dateTime, "revoked_at": Schema.nullable(Schema.dateTime),
         "token": Schema.string, "link": Schema.string],
        required: ["id", "email", "team_id", "role", "expires_at"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/invitations", id: "listInvitations",
                         summary: "List pending invitations you may manage (never their tokens)", tag: "directory",
                         parameters: Schema.paging + [Schema.query("team_id", Schema.uuid, "only this team's invitations")],
                         responses: [200: ("Pending invitations", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/invitations", id: "createInvitation",
                         summary: "Invite an e-mail into a team with a role; the invitee is e-mailed the accept link in the org's language; the token and link are also shown once, here. Valid 7 days; Idempotency-Key honoured",
                         tag: "directory",
                         requestBody: Schema.object(["email": Schema.string, "team_id": Schema.uuid,
                                                     "role": Schema.enumeration(Role.allCases.map(\.rawValue)),
                                                     "display_name": Schema.string], required: ["email", "team_id", "role"]),
                         responses: [201: ("Invited; `token` and `link` hold the secret", schema)], problems: [409, 422]),
        OpenAPIOperation("DELETE", "/v1/invitations/{id}", id: "revokeInvitation", summary: "Revoke a pending invitation",
                         tag: "directory", parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)],
                         problems: [404, 409]),
        OpenAPIOperation("POST", acceptPath, id: "acceptInvitation",
                         summary: "Accept an invitation (the token of the e-mailed link): creates the member in the team with the role, and signs them in",
                         tag: "auth", requiresAuth: false,
                         requestBody: Schema.object(["token": Schema.string, "display_name": Schema.string, "password": Schema.string],
                                                    required: ["token", "password"]),
                         responses: [201: ("Member created and signed in",
                                           Schema.object(["token": Schema.string, "expires_at": Schema.dateTime,
                                                          "member_id": Schema.uuid, "org_id": Schema.uuid]))],
                         problems: [409, 410, 422]),
    ]

    /// A used, revoked, expired or unknown invitation token: the same answer for each, so it tells nothing.
    static var invalid: Problem {
        Problem(status: .gone, code: "invitation_invalid",
                detail: "this invitation link is unknown, already used, revoked or expired; ask for a new invitation")
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/invitations") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let team = try request.uuidQuery("team_id")
            let page = try await store.tenant(identity.orgID) { tx in
                try await VisiblePage.fill(
                    limit: list.limit, after: list.cursor, id: \.id,
                    visible: { identity.authorizer.can(identity.actor, .manageMembers, in: $0.teamID.map(Scope.team) ?? .org).allowed }
                ) { try await InvitationRepository.listPending(tx, teamID: team, after: $0, limit: $1) }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map { InvitationDTO($0) }, nextCursor: page.nextCursor))
        }
        router.post("/v1/invitations") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: CreateInput.self, context: context)
            let email = try TenancyRules.email(input.email)
            guard let role = Role(rawValue: input.role) else {
                throw DomainError(.invalid, "role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", field: "role")
            }
            let displayName = try input.displayName.map { try TenancyRules.name($0, field: "display_name") }
            let secret = Secrets.newToken()
            return try await store.tenant(identity.orgID) { tx in
                guard try await TeamRepository.get(tx, id: input.teamId) != nil else {
                    throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
                }
                try identity.require(.manageMembers, in: .team(input.teamId))
                try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: role, in: .team(input.teamId)))
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    if try await MemberRepository.exists(tx, email: email) {
                        throw DomainError(.conflict, "a member with this e-mail exists in the organisation", field: "email")
                    }
                    let invitation = try await InvitationRepository.insert(
                        tx, id: .v7(), email: email, displayName: displayName, teamID: input.teamId,
                        role: role, tokenHash: Secrets.hash(token: secret), invitedBy: identity.memberID,
                        expiresAt: store.now.addingTimeInterval(Self.lifetime))
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "invitation.create", resource: "invitation",
                        id: invitation.id, after: InvitationDTO(invitation))
                    // The invitee hears by e-mail, in the org's language, from the same transaction.
                    if let org = try await OrganizationRepository.current(tx) {
                        let inviter = try await MemberRepository.get(tx, id: identity.memberID)
                        try await MailOutboxRepository.enqueue(
                            tx,
                            MailTemplates.invitation(
                                org: org.name, inviter: inviter?.displayName ?? org.name,
                                link: publicURL + "\(SecretLinkPagesController.invitationPath)?token=\(secret)",
                                expiresOn: Recurrence.localDate(of: invitation.expiresAt, in: TimeZone(identifier: org.timeZone) ?? .current).description,
                                to: email, locale: org.locale))
                    }
                    return try .init(InvitationDTO(invitation, token: secret), replay: InvitationDTO(invitation, token: nil))
                }
            }
        }
        router.delete("/v1/invitations/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "invitation")
            return try await store.tenant(identity.orgID) { tx in
                guard let before = try await InvitationRepository.get(tx, id: id) else {
                    throw Problem.notFound("invitation")
                }
                // Revoking takes what inviting took: members rights in the team and the right to grant the role.
                let scope = before.teamID.map(Scope.team) ?? .org
                try identity.require(.manageMembers, in: scope)
                try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: before.role, in: scope))
                if before.acceptedAt != nil {
                    throw DomainError(.conflict, "the invitation was accepted; revoke the member's grant or deactivate them instead")
                }
                if try await InvitationRepository.revoke(tx, id: id, by: identity.memberID),
                    let after = try await InvitationRepository.get(tx, id: id)
                {
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "invitation.revoke", resource: "invitation", id: id,
                        before: InvitationDTO(before), after: InvitationDTO(after))
                }
                return JSONResponse.noContent()
            }
        }
        router.post("/v1/auth/invitations/accept") { request, context in try await accept(request, context) }
    }

    private func accept(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let input = try await request.decodeJSON(as: AcceptInput.self, context: context)
        let accepted = try await accept(token: input.token, password: input.password, displayName: input.displayName, context: context)
        return try JSONResponse.make(
            AuthController.LoginDTO(token: accepted.session, expiresAt: accepted.expires, memberId: accepted.memberID, orgId: accepted.orgID),
            status: .created)
    }

    /// What an invitation's token does, for the JSON route and the invitation page alike: the member is made, put in
    /// the team with the role, and signed in.
    func accept(token: String, password rawPassword: String, displayName: String?, context: AppRequestContext) async throws
        -> (memberID: UUID, orgID: UUID, session: String, expires: Date)
    {
        let password = try TenancyRules.password(rawPassword)
        let chosenName = try displayName.flatMap { $0.isEmpty ? nil : $0 }.map { try TenancyRules.name($0, field: "display_name") }
        // System work: which org and invitation the token belongs to — nothing else.
        let tokenHash = Secrets.hash(token: token)
        guard let target = try await store.system({ tx in try await InvitationRepository.resolve(tx, tokenHash: tokenHash) })
        else { throw Self.invalid }
        let passwordHash = try await passwords.hash(password)
        let session = Secrets.newToken()
        let expires = store.now.addingTimeInterval(AuthController.sessionLifetime)
        let org = target.orgID
        let memberID = try await store.tenant(org) { tx in
            // Locked and checked again: the token may have been used or revoked since the look-up.
            guard let invitation = try await InvitationRepository.lock(tx, id: target.id), invitation.pending,
                let teamID = invitation.teamID, let organization = try await OrganizationRepository.get(tx, id: org)
            else { throw Self.invalid }
            // The inviter must still be active and still allowed to grant that role there: an invitation does not
            // outlive its inviter's rights (a demoted manager's pending invitations lapse).
            let inviterID = invitation.invitedBy
            guard let inviter = try await MemberRepository.get(tx, id: inviterID), inviter.active else { throw Self.invalid }
            let inviterActor = Actor(
                memberID: inviterID, grants: try await GrantRepository.forMember(tx, member: inviterID).map(\.grant))
            let structure = try await TeamRepository.structure(tx)
            guard Authorizer(structure: structure).canGrant(inviterActor, role: invitation.role, in: .team(teamID)).allowed
            else { throw Self.invalid }
            let name = try chosenName ?? invitation.displayName
                ?? TenancyRules.name(String(invitation.email.split(separator: "@").first ?? "member"), field: "display_name")
            let id = UUID.v7()
            _ = try await MemberRepository.insert(
                tx, id: id, email: invitation.email, displayName: name, locale: organization.locale,
                timeZone: nil, passwordHash: passwordHash)
            _ = try await MemberRepository.addToTeam(tx, member: id, team: teamID)
            let grant = try await GrantRepository.insert(
                tx, id: .v7(), member: id, grant: Grant(role: invitation.role, scope: .team(teamID)),
                by: invitation.invitedBy)
            guard try await InvitationRepository.markAccepted(tx, id: invitation.id, member: id) else {
                throw Self.invalid
            }
            try await CredentialRepository.createSession(
                tx, id: .v7(), member: id, tokenHash: Secrets.hash(token: session), expiresAt: expires)
            let member = try await MemberRepository.get(tx, id: id)!
            try await AuditTrail.record(
                tx, actor: id, context: context, action: "invitation.accept", resource: "invitation",
                id: invitation.id, after: AcceptedDTO(member: .init(member), grant: .init(grant)))
            return id
        }
        return (memberID, org, session, expires)
    }

    /// The org and the invited address of a live invitation token, for the invitation page (reads only).
    func describe(token: String) async throws -> (orgName: String, email: String, locale: Organization.Locale)? {
        let tokenHash = Secrets.hash(token: token)
        guard let target = try await store.system({ tx in try await InvitationRepository.resolve(tx, tokenHash: tokenHash) }) else { return nil }
        return try await store.tenant(target.orgID) { tx in
            guard let invitation = try await InvitationRepository.get(tx, id: target.id),
                  let organization = try await OrganizationRepository.get(tx, id: target.orgID)
            else { return nil }
            return (organization.name, invitation.email, organization.locale)
        }
    }
}
