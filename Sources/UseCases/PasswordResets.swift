public import Domain
public import Foundation
public import Store

/// Password resets: an admin or owner, or a manager covering the member, issues a single-use link; whoever holds it
/// sets the member's password once, which also ends the member's open sessions.
///
/// Because the holder of the link takes over the account, issuing one needs the right to grant every role the
/// member holds: only owners reset owners and admins, a manager only people below them. Only the SHA-256 of a
/// link's token is stored; the adapter makes the token and hands in its hash and the link.
public struct PasswordResets: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A member the caller has been found allowed to reset. Checked apart from ``issue(_:tokenHash:link:lifetime:)``
    /// so that an idempotent replay of an issue still needs the rights the issue needed.
    public struct Target: Sendable {
        public let member: Member
    }

    /// The member, if the caller may read them (else 404), may manage them, reaches every role they hold, and the
    /// member is active.
    public func target(_ memberID: UUID) async throws -> Target {
        guard let member = try await MemberRepository.get(tx, id: memberID), Members.covers(identity, .readDirectory, member: member)
        else { throw DomainError(.notFound, "member not found") }
        if !Members.covers(identity, .manageMembers, member: member) {
            try identity.require(.manageMembers, in: .org)
        }
        try await Members.requireReach(identity, over: memberID, tx: tx)
        guard member.active else {
            throw DomainError(.conflict, "the member is deactivated; reactivate them before resetting their password")
        }
        return Target(member: member)
    }

    /// Stores the reset and mails the member the link, in their language.
    /// - Parameter link: the absolute link the e-mail carries.
    public func issue(_ target: Target, tokenHash: [UInt8], link: String, lifetime: TimeInterval) async throws -> PasswordResetRecord {
        let member = target.member
        let reset = try await PasswordResetRepository.insert(
            tx, id: .v7(), member: member.id, tokenHash: tokenHash, expiresAt: caller.now.addingTimeInterval(lifetime))
        try await Audit.record(tx, caller, action: "password_reset.create", resource: "member", id: member.id, after: Entry(reset))
        if let organization = try await OrganizationRepository.current(tx) {
            let zone = TimeZone(identifier: member.timeZone ?? organization.timeZone) ?? .current
            try await MailOutboxRepository.enqueue(
                tx,
                MailTemplates.passwordReset(
                    org: organization.name, link: link,
                    expiresOn: Recurrence.localDate(of: reset.expiresAt, in: zone).description + " "
                        + Recurrence.localTime(of: reset.expiresAt, in: zone).description,
                    to: member.email, locale: member.locale ?? organization.locale))
        }
        return reset
    }

    /// What the audit log keeps of an issued reset: never its token.
    struct Entry: Encodable {
        var id: UUID
        var memberId: UUID
        var createdAt: Date
        var expiresAt: Date

        init(_ r: PasswordResetRecord) { (id, memberId, createdAt, expiresAt) = (r.id, r.memberID, r.createdAt, r.expiresAt) }
    }
}

// MARK: - Following the link

/// What the holder of a reset link can do, without being signed in. The token's look-up is declared system work;
/// everything after it runs in the reset's org's own transaction.
extension PasswordResets {
    /// A used, expired or unknown reset token: one error for each.
    public struct LinkInvalid: Error, Sendable {}

    /// The org's name and language for a live reset link, for the reset page (reads only).
    public struct About: Sendable {
        public let orgName: String
        public let locale: Organization.Locale
    }

    public static func describe(_ store: Store, tokenHash: [UInt8]) async throws -> About? {
        guard let target = try await store.system({ tx in try await PasswordResetRepository.resolve(tx, tokenHash: tokenHash) })
        else { return nil }
        return try await store.tenant(target.orgID) { tx in
            try await OrganizationRepository.get(tx, id: target.orgID).map { About(orgName: $0.name, locale: $0.locale) }
        }
    }

    /// Sets the password once and ends the member's sessions.
    /// - Parameters:
    ///   - hashPassword: the adapter's bounded password hashing, run between the look-up and the transaction.
    ///   - requestID: for the audit entry, whose actor is the member.
    public static func redeem(
        _ store: Store, tokenHash: [UInt8], password rawPassword: String, hashPassword: (String) async throws -> String,
        requestID: String
    ) async throws {
        let password = try TenancyRules.password(rawPassword)
        guard let target = try await store.system({ tx in try await PasswordResetRepository.resolve(tx, tokenHash: tokenHash) })
        else { throw LinkInvalid() }
        let hash = try await hashPassword(password)
        try await store.tenant(target.orgID) { tx in
            // Locked and checked again: the link may have been used meanwhile.
            guard let reset = try await PasswordResetRepository.lock(tx, id: target.id), reset.redeemable,
                try await PasswordResetRepository.markUsed(tx, id: reset.id)
            else { throw LinkInvalid() }
            try await MemberRepository.setPassword(tx, id: reset.memberID, hash: hash)
            let revoked = try await CredentialRepository.revokeSessions(tx, member: reset.memberID)
            try await AuditRepository.append(
                tx,
                AuditEvent(
                    actorID: reset.memberID, tokenID: nil, action: "password_reset.redeem", resourceType: "member",
                    resourceID: reset.memberID, before: nil,
                    after: try Audit.json(RedeemedEntry(passwordResetId: reset.id, sessionsRevoked: revoked)), requestID: requestID))
        }
    }

    struct RedeemedEntry: Encodable {
        var passwordResetId: UUID
        var sessionsRevoked: Int
    }
}
