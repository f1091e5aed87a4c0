import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Scheduler
import Store
import UseCases

/// Password resets: an admin or owner, or a manager covering the member, issues a single-use link valid for an
/// hour; whoever holds it sets the member's password once, which also ends the member's open sessions.
///
/// The link's token is shown once, in the answer to the create (a later issue sends it by e-mail); only its
/// SHA-256 is stored. Because the holder of the link takes over the account, issuing one needs the right to grant
/// every role the member holds: only owners reset owners and admins, a manager only people below them.
struct PasswordResetController {
    let store: Store
    /// Where people open Banso: the base of the link in the reset e-mail.
    let publicURL: String
    let clientAddress: ClientAddress
    let passwords: PasswordWork

    static let lifetime: TimeInterval = PasswordResetRequests.lifetime
    static let redeemPath = "/v1/auth/password-reset/redeem"
    static let requestPath = "/v1/auth/password-reset/request"
    static let publicPaths: Set<String> = [redeemPath, requestPath]
    /// At most this many links an hour per member from anonymous requests (the job's rule).
    static let requestsPerHour = PasswordResetRequests.perHour
    /// At most this many anonymous requests an hour from one client address.
    static let requestsPerAddressPerHour = 10

    struct ResetDTO: Codable, Sendable {
        var id: UUID
        var memberId: UUID
        var createdAt: Date
        var expiresAt: Date
        /// Only in the answer to the create.
        var token: String?
        var link: String?
        init(_ r: PasswordResetRecord, token: String? = nil) {
            id = r.id
            memberId = r.memberID
            createdAt = r.createdAt
            expiresAt = r.expiresAt
            self.token = token
            link = token.map { "\(SecretLinkPagesController.resetPath)?token=\($0)" }
        }
    }
    struct RedeemInput: Decodable {
        var token: String
        var password: String
    }
    struct RedeemedDTO: Encodable, Sendable {
        var passwordResetId: UUID
        var sessionsRevoked: Int
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "member_id": Schema.uuid, "created_at": Schema.dateTime, "expires_at": Schema.dateTime,
         "token": Schema.string, "link": Schema.string],
        required: ["id", "member_id", "expires_at", "token", "link"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("POST", "/v1/members/{id}/password-reset", id: "createPasswordReset",
                         summary: "Issue a single-use password-reset link for a member, valid 1 hour, and e-mail it to them; the token and link are also shown once, here. Idempotency-Key honoured",
                         tag: "access", parameters: [Schema.pathID()],
                         responses: [201: ("Issued; `token` and `link` hold the secret", schema)], problems: [404, 409]),
        OpenAPIOperation("POST", redeemPath, id: "redeemPasswordReset",
                         summary: "Set a new password with a reset link's token (from the e-mail); ends the member's sessions",
                         tag: "auth", requiresAuth: false,
                         requestBody: Schema.object(["token": Schema.string, "password": Schema.string], required: ["token", "password"]),
                         responses: [204: ("Password set", nil)], problems: [410, 422]),
        OpenAPIOperation("POST", requestPath, id: "requestPasswordReset",
                         summary: "Forgot my password: e-mails a reset link to the member with this address in the org, if there is one (the answer is the same either way; at most 3 links an hour)",
                         tag: "auth", requiresAuth: false,
                         requestBody: Schema.object(["org": Schema.string, "email": Schema.string], required: ["org", "email"]),
                         responses: [202: ("Accepted", Schema.object(["status": Schema.string]))], problems: [422, 429]),
    ]

    /// A used, expired or unknown reset token: the same answer for each.
    static var invalid: Problem {
        Problem(status: .gone, code: "reset_invalid",
                detail: "this password-reset link is unknown, already used or expired; ask for a new one")
    }

    /// The member hears of the reset by e-mail, in their language.
    func mailLink(_ tx: TenantTransaction, member: Member, secret: String, expiresAt: Date) async throws {
        guard let organization = try await OrganizationRepository.current(tx) else { return }
        let zone = TimeZone(identifier: member.timeZone ?? organization.timeZone) ?? .current
        try await MailOutboxRepository.enqueue(
            tx,
            MailTemplates.passwordReset(
                org: organization.name, link: publicURL + "\(SecretLinkPagesController.resetPath)?token=\(secret)",
                expiresOn: Recurrence.localDate(of: expiresAt, in: zone).description + " " + Recurrence.localTime(of: expiresAt, in: zone).description,
                to: member.email, locale: member.locale ?? organization.locale))
    }


    struct RequestInput: Decodable {
        var org: String
        var email: String
    }

    func register(on router: some RouterMethods<AppRequestContext>) {
        // The answer never says whether the address belongs to someone: an anonymous caller must not learn who works
        // where. Only a malformed request is refused.
        router.post("/v1/auth/password-reset/request") { request, context in
            let input = try await request.decodeJSON(as: RequestInput.self, context: context)
            let email = try TenancyRules.email(input.email)
            let slug = input.org.trimmingCharacters(in: .whitespaces).lowercased()
            // Per client address, so nobody mails the whole directory; then the work goes to a job, so the answer
            // takes the same time whether or not the address is a member's (one INSERT either way).
            let address = "reset-address:\(clientAddress.resolve(request, context))"
            let refused = try await store.system { tx in
                let (refused, _) = try await CredentialRepository.countAttempt(
                    tx, limits: [(address, Self.requestsPerAddressPerHour)], window: .seconds(3600))
                if refused == nil { try await JobRepository.enqueue(tx, PasswordResetRequests.job(org: slug, email: email)) }
                return refused
            }
            if refused != nil {
                throw Problem(
                    status: .tooManyRequests, code: "rate_limited", detail: "too many reset requests from this address; try again later",
                    headers: [.retryAfter: "3600"])
            }
            return try JSONResponse.make(
                ["status": "if the address belongs to a member of the organisation, a reset link is on its way"], status: .accepted)
        }
        router.post("/v1/members/:id/password-reset") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "member")
            let body = Data(try await request.body.collect(upTo: context.maxUploadSize).readableBytesView)
            let secret = Secrets.newToken()
            return try await store.tenant(identity.orgID) { tx in
                guard let member = try await MemberRepository.get(tx, id: id),
                    MemberController.covers(identity, .readDirectory, member: member)
                else { throw Problem.notFound("member") }
                if !MemberController.covers(identity, .manageMembers, member: member) {
                    try Identity.enforce(identity.authorizer.can(identity.actor, .manageMembers, in: .org))
                }
                try await MemberController.requireReach(identity, over: id, tx: tx)
                guard member.active else {
                    throw DomainError(.conflict, "the member is deactivated; reactivate them before resetting their password")
                }
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let reset = try await PasswordResetRepository.insert(
                        tx, id: .v7(), member: id, tokenHash: Secrets.hash(token: secret),
                        expiresAt: store.now.addingTimeInterval(Self.lifetime))
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "password_reset.create", resource: "member", id: id,
                        after: ResetDTO(reset))
                    try await mailLink(tx, member: member, secret: secret, expiresAt: reset.expiresAt)
                    return try .init(ResetDTO(reset, token: secret), replay: ResetDTO(reset, token: nil))
                }
            }
        }
        router.post("/v1/auth/password-reset/redeem") { request, context in
            let input = try await request.decodeJSON(as: RedeemInput.self, context: context)
            try await redeem(token: input.token, password: input.password, context: context)
            return JSONResponse.noContent()
        }
    }

    /// The org's name and language for a live reset token, for the reset page (reads only).
    func describe(token: String) async throws -> (orgName: String, locale: Organization.Locale)? {
        let tokenHash = Secrets.hash(token: token)
        guard let target = try await store.system({ tx in try await PasswordResetRepository.resolve(tx, tokenHash: tokenHash) }) else { return nil }
        return try await store.tenant(target.orgID) { tx in
            try await OrganizationRepository.get(tx, id: target.orgID).map { ($0.name, $0.locale) }
        }
    }

    /// What a reset token does, for the JSON route and the reset page alike: sets the password once and ends the
    /// member's sessions.
    func redeem(token: String, password rawPassword: String, context: AppRequestContext) async throws {
        let password = try TenancyRules.password(rawPassword)
        // System work: which org and reset the token belongs to — nothing else.
        let tokenHash = Secrets.hash(token: token)
        guard let target = try await store.system({ tx in try await PasswordResetRepository.resolve(tx, tokenHash: tokenHash) })
        else { throw Self.invalid }
        let hash = try await passwords.hash(password)
        let org = target.orgID
        try await store.tenant(org) { tx in
            // Locked and checked again: the link may have been used meanwhile.
            guard let reset = try await PasswordResetRepository.lock(tx, id: target.id), reset.redeemable,
                try await PasswordResetRepository.markUsed(tx, id: reset.id)
            else { throw Self.invalid }
            try await MemberRepository.setPassword(tx, id: reset.memberID, hash: hash)
            let revoked = try await CredentialRepository.revokeSessions(tx, member: reset.memberID)
            try await AuditTrail.record(
                tx, actor: reset.memberID, context: context, action: "password_reset.redeem",
                resource: "member", id: reset.memberID,
                after: RedeemedDTO(passwordResetId: reset.id, sessionsRevoked: revoked))
        }
    }
}
