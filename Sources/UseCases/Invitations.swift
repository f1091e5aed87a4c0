public import Domain
public import Foundation
public import Store

/// Invitations: an owner, admin or manager invites an e-mail address into a team with a role; the invitee follows
/// the link, chooses a password, and becomes a member of the team holding that role on it.
///
/// Only the SHA-256 of an invitation's token is stored; the adapter makes the token (and the link that carries it)
/// and hands in both, so no use case ever keeps the secret.
public struct Invitations: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public static let lifetime: TimeInterval = 7 * 24 * 3600

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The pending invitations the caller may manage (``mayManage(_:)``, judged in the SQL), in keyset order.
    public func pending(teamID: UUID?, after cursor: UUID?, limit: Int) async throws -> Page<InvitationRecord> {
        try await InvitationRepository.listPending(
            tx, teamID: teamID, visibleTo: identity.reach(.manageMembers), after: cursor, limit: limit)
    }

    /// Whether the caller may see and manage the invitation: members rights where it leads. ``pending(teamID:after:limit:)``
    /// keeps the same invitations in its SQL.
    public func mayManage(_ invitation: InvitationRecord) -> Bool {
        identity.authorizer.can(identity.actor, .manageMembers, in: invitation.teamID.map(Scope.team) ?? .org).allowed
    }

    /// An invitation the caller has been found allowed to send. Checked apart from ``send(_:tokenHash:link:)`` so that
    /// an idempotent replay of a create still needs the rights the create needed.
    public struct Draft: Sendable {
        public let email: String
        public let displayName: String?
        public let teamID: UUID
        public let role: Role
    }

    /// Validates the invitation and checks that the caller may invite into the team and grant the role there.
    public func draft(email rawEmail: String, teamID: UUID, role rawRole: String, displayName rawName: String?) async throws -> Draft {
        let email = try TenancyRules.email(rawEmail)
        guard let role = Role(rawValue: rawRole) else {
            throw DomainError(.invalid, "role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", field: "role")
        }
        let displayName = try rawName.map { try TenancyRules.name($0, field: "display_name") }
        guard try await TeamRepository.get(tx, id: teamID) != nil else {
            throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
        }
        try identity.require(.manageMembers, in: .team(teamID))
        try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: role, in: .team(teamID)))
        return Draft(email: email, displayName: displayName, teamID: teamID, role: role)
    }

    /// Stores the invitation and mails the invitee the link, in the org's language, from the same transaction.
    /// - Parameter link: the absolute link the e-mail carries.
    public func send(_ draft: Draft, tokenHash: [UInt8], link: String) async throws -> InvitationRecord {
        if try await MemberRepository.exists(tx, email: draft.email) {
            throw DomainError(.conflict, "a member with this e-mail exists in the organisation", field: "email")
        }
        let invitation = try await InvitationRepository.insert(
            tx, id: .v7(), email: draft.email, displayName: draft.displayName, teamID: draft.teamID, role: draft.role,
            tokenHash: tokenHash, invitedBy: identity.memberID, expiresAt: caller.now.addingTimeInterval(Self.lifetime))
        try await Audit.record(
            tx, caller, action: "invitation.create", resource: "invitation", id: invitation.id, after: InvitationDTO(invitation))
        if let org = try await OrganizationRepository.current(tx) {
            let inviter = try await MemberRepository.get(tx, id: identity.memberID)
            try await MailOutboxRepository.enqueue(
                tx,
                MailTemplates.invitation(
                    org: org.name, inviter: inviter?.displayName ?? org.name, link: link,
                    expiresOn: Recurrence.localDate(of: invitation.expiresAt, in: TimeZone(identifier: org.timeZone) ?? .current).description,
                    to: draft.email, locale: org.locale))
        }
        return invitation
    }

    /// Revokes a pending invitation. Revoking takes what inviting took: members rights in the team and the right to
    /// grant the role.
    public func revoke(_ id: UUID) async throws {
        guard let before = try await InvitationRepository.get(tx, id: id) else {
            throw DomainError(.notFound, "invitation not found")
        }
        let scope = before.teamID.map(Scope.team) ?? .org
        try identity.require(.manageMembers, in: scope)
        try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: before.role, in: scope))
        if before.acceptedAt != nil {
            throw DomainError(.conflict, "the invitation was accepted; revoke the member's grant or deactivate them instead")
        }
        if try await InvitationRepository.revoke(tx, id: id, by: identity.memberID),
            let after = try await InvitationRepository.get(tx, id: id)
        {
            try await Audit.record(
                tx, caller, action: "invitation.revoke", resource: "invitation", id: id, before: InvitationDTO(before), after: InvitationDTO(after))
        }
    }
}

// MARK: - Following the link

/// What the holder of an invitation link can do, without being signed in. The token's look-up is declared system
/// work — the one thing that cannot know the org in advance — and everything after it runs in the invitation's
/// org's own transaction, so a token can only ever create a member in the org that issued it.
extension Invitations {
    /// The page the mailed link opens (GET shows a form; the form's POST accepts).
    public static let pagePath = "/invitations/accept"

    /// A used, revoked, expired or unknown invitation token: one error for each, so the answer tells nothing.
    public struct LinkInvalid: Error, Sendable {}

    /// The org and the invited address of a live invitation, for the invitation page (reads only).
    public struct About: Sendable {
        public let orgName: String
        public let email: String
        public let locale: Organization.Locale
    }

    /// A new member, signed in.
    public struct Accepted: Sendable {
        public let memberID: UUID
        public let orgID: UUID
        public let sessionExpiresAt: Date
    }

    public static func describe(_ store: Store, tokenHash: [UInt8]) async throws -> About? {
        guard let target = try await store.system({ tx in try await InvitationRepository.resolve(tx, tokenHash: tokenHash) })
        else { return nil }
        return try await store.tenant(target.orgID) { tx in
            guard let invitation = try await InvitationRepository.get(tx, id: target.id),
                let organization = try await OrganizationRepository.get(tx, id: target.orgID)
            else { return nil }
            return About(orgName: organization.name, email: invitation.email, locale: organization.locale)
        }
    }

    /// Makes the member, puts them in the team with the role, and opens their session.
    /// - Parameters:
    ///   - hashPassword: the adapter's bounded password hashing, run between the look-up and the transaction.
    ///   - session: the hash of the new session's token, and how long the session lasts.
    ///   - requestID: for the audit entry, whose actor is the new member.
    public static func accept(
        _ store: Store, tokenHash: [UInt8], password rawPassword: String, displayName: String?,
        hashPassword: (String) async throws -> String, session: (tokenHash: [UInt8], lifetime: TimeInterval), requestID: String
    ) async throws -> Accepted {
        let password = try TenancyRules.password(rawPassword)
        let chosenName = try displayName.flatMap { $0.isEmpty ? nil : $0 }.map { try TenancyRules.name($0, field: "display_name") }
        guard let target = try await store.system({ tx in try await InvitationRepository.resolve(tx, tokenHash: tokenHash) })
        else { throw LinkInvalid() }
        let passwordHash = try await hashPassword(password)
        let expires = store.now.addingTimeInterval(session.lifetime)
        let org = target.orgID
        let memberID = try await store.tenant(org) { tx in
            // Locked and checked again: the token may have been used or revoked since the look-up.
            guard let invitation = try await InvitationRepository.lock(tx, id: target.id), invitation.pending,
                let teamID = invitation.teamID, let organization = try await OrganizationRepository.get(tx, id: org)
            else { throw LinkInvalid() }
            // The inviter must still be active and still allowed to grant that role there: an invitation does not
            // outlive its inviter's rights (a demoted manager's pending invitations lapse).
            let inviterID = invitation.invitedBy
            guard let inviter = try await MemberRepository.get(tx, id: inviterID), inviter.active else { throw LinkInvalid() }
            let inviterActor = Actor(
                memberID: inviterID, grants: try await GrantRepository.forMember(tx, member: inviterID).map(\.grant))
            let structure = try await TeamRepository.structure(tx)
            guard Authorizer(structure: structure).canGrant(inviterActor, role: invitation.role, in: .team(teamID)).allowed
            else { throw LinkInvalid() }
            let name = try chosenName ?? invitation.displayName
                ?? TenancyRules.name(String(invitation.email.split(separator: "@").first ?? "member"), field: "display_name")
            let id = UUID.v7()
            _ = try await MemberRepository.insert(
                tx, id: id, email: invitation.email, displayName: name, locale: organization.locale,
                timeZone: nil, passwordHash: passwordHash)
            _ = try await MemberRepository.addToTeam(tx, member: id, team: teamID)
            let grant = try await GrantRepository.insert(
                tx, id: .v7(), member: id, grant: Grant(role: invitation.role, scope: .team(teamID)), by: invitation.invitedBy)
            guard try await InvitationRepository.markAccepted(tx, id: invitation.id, member: id) else { throw LinkInvalid() }
            try await CredentialRepository.createSession(tx, id: .v7(), member: id, tokenHash: session.tokenHash, expiresAt: expires)
            let member = try await MemberRepository.get(tx, id: id)!
            try await AuditRepository.append(
                tx,
                AuditEvent(
                    actorID: id, tokenID: nil, action: "invitation.accept", resourceType: "invitation", resourceID: invitation.id,
                    before: nil, after: try Audit.json(AcceptedEntry(member: member, grant: grant)), requestID: requestID))
            return id
        }
        return Accepted(memberID: memberID, orgID: org, sessionExpiresAt: expires)
    }

    /// What the audit log keeps of an acceptance: the member and the grant, as the API shows them.
    struct AcceptedEntry: Encodable {
        var member: MemberDTO
        var grant: GrantDTO

        init(member: Member, grant: GrantRecord) {
            self.member = MemberDTO(member)
            self.grant = GrantDTO(grant)
        }
    }
}
