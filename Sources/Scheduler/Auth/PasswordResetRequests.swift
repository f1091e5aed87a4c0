import Database
import Credentials
public import Domain
public import Foundation
import Logging
import Store

/// "Forgot my password" (`POST /v1/auth/password-reset/request`), done in a job: the request only queues this,
/// so its answer takes the same time whether or not the address is a member's. The job finds the org and the
/// active member with that address, issues a link (at most ``perHour`` an hour per member) and mails it; anything
/// else ends quietly.
public enum PasswordResetRequests {
    public static let jobKind = "auth.password_reset_request"
    public static let perHour = 3
    public static let lifetime: TimeInterval = 3600
    /// The reset page the mailed link opens (GET shows a form; the form's POST redeems).
    public static let pagePath = "/password-reset"

    struct Payload: Codable {
        var org: String
        var email: String
    }

    /// The job for a request; queued with no org (which one, if any, is the job's to find).
    public static func job(org slug: String, email: String) throws -> NewJob {
        let payload = String(decoding: try JSONEncoder().encode(Payload(org: slug, email: email)), as: UTF8.self)
        return NewJob(kind: jobKind, payload: payload, maxAttempts: 5)
    }

    /// Issues and mails the link if the request names a real, active member; returns whether it did.
    @discardableResult
    public static func handle(_ context: JobContext, publicURL: String) async throws -> Bool {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        let store = context.store
        guard let org = try await store.system({ tx in try await OrganizationRepository.find(tx, slug: payload.org) }) else { return false }
        return try await store.tenant(org.id) { tx in
            guard let found = try await MemberRepository.credentials(tx, email: payload.email), found.active,
                let member = try await MemberRepository.get(tx, id: found.id)
            else { return false }
            try await PasswordResetRepository.lockIssuing(tx, member: member.id)
            guard try await PasswordResetRepository.issuedRecently(tx, member: member.id, within: 3600) < perHour
            else { return false }
            let secret = SecretToken.new()
            let reset = try await PasswordResetRepository.insert(
                tx, id: .v7(), member: member.id, tokenHash: SecretToken.hash(secret),
                expiresAt: store.now.addingTimeInterval(lifetime))
            let after = #"{"id":"\#(reset.id.uuidString.lowercased())","member_id":"\#(member.id.uuidString.lowercased())"}"#
            try await AuditRepository.append(
                tx,
                AuditEvent(actorID: nil, tokenID: nil, action: "password_reset.request", resourceType: "member", resourceID: member.id,
                           before: nil, after: after, requestID: nil))
            let zone = TimeZone(identifier: member.timeZone ?? org.timeZone) ?? .current
            try await MailOutboxRepository.enqueue(
                tx,
                MailTemplates.passwordReset(
                    org: org.name, link: publicURL + "\(pagePath)?token=\(secret)",
                    expiresOn: Recurrence.localDate(of: reset.expiresAt, in: zone).description + " "
                        + Recurrence.localTime(of: reset.expiresAt, in: zone).description,
                    to: member.email, locale: member.locale ?? org.locale))
            return true
        }
    }

    public static func handlers(publicURL: String) -> [String: JobHandler] {
        [jobKind: { context in try await handle(context, publicURL: publicURL) }]
    }
}
