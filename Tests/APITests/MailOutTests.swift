import API
import Credentials
import Settings
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Scheduler
import Store
import Testing
import TestSupport

/// Invitations and password resets go out by e-mail (through the outbox and a real local SMTP server), and the
/// secret link is not kept once sent.
@Suite struct MailOutTests {
    @Test func invitationsAndResetsAreMailedAndTheirLinksForgotten() async throws {
        try await SMTPSink.with { sink in
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                let invited = try await InvitationTests.invite(client, token: a.ownerToken, email: "newbie@smb.example", team: a.smbTeam, role: "csm")
                #expect(invited.status == .created)
                let inviteToken = try #require(invited.body["token"] as? String)
                let reset = try await client.call(.post, "/v1/members/\(a.csm.lower)/password-reset", token: a.ownerToken)
                let resetToken = try #require(reset.body["token"] as? String)

                let settings = MailSettings(
                    from: try MailAddress("noreply@banso.example", displayName: "Banso"), publicURL: services.configuration.publicURL,
                    transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none)),
                    relays: MailRelays(egress: .allowingPrivate, secrets: TestSecrets.box))
                let worker = JobWorker(
                    store: services.store, database: services.database,
                    queues: [QueueConfiguration(name: "mail", concurrency: 2)], handlers: MailDelivery.handlers(settings))
                try await worker.runOnce()

                let deliveries = try sink.deliveries().sorted { ($0.rcptTos.first ?? "") < ($1.rcptTos.first ?? "") }
                #expect(deliveries.map(\.rcptTos) == [["csm@smb.example"], ["newbie@smb.example"]])
                let resetMail = try #require(deliveries.first)
                let inviteMail = try #require(deliveries.last)
                #expect(inviteMail.message.subject?.contains("Banso に招待されました") == true, "in the org's language")
                #expect(inviteMail.message.text?.contains("http://localhost:8080/invitations/accept?token=\(inviteToken)") == true)
                #expect(inviteMail.message.html?.contains("参加する") == true)
                #expect(resetMail.message.subject?.contains("パスワード再設定") == true)
                #expect(resetMail.message.text?.contains("/password-reset?token=\(resetToken)") == true)
                // Sent secret links are not kept.
                let stored = try await services.store.tenant(a.orgID) { tx in
                    try await tx.query("SELECT kind, state, text_body IS NULL AND html_body IS NULL FROM mail_outbox ORDER BY kind")
                        .decode((String, String, Bool).self)
                }
                #expect(stored.map { "\($0.0) \($0.1) \($0.2)" } == ["invitation sent true", "password_reset sent true"])
                // The link works.
                try await check(await InvitationTests.accept(client, inviteToken).status == .created)
            }
        }
    }

    /// Forgot my password: the same 202 whether or not the address is a member's; a link is mailed only to a real,
    /// active member of that org, at most three an hour.
    @Test func forgotPasswordMailsOnlyRealMembersAndSaysTheSameEitherWay() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            func request(_ org: String, _ email: String) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                let response = try await client.call(
                    .post, "/v1/auth/password-reset/request", token: nil, json: #"{"org":"\#(org)","email":"\#(email)"}"#)
                return (response.status, response.body)
            }
            let real = try await request(a.slug, "csm@smb.example")
            let unknown = try await request(a.slug, "nobody@smb.example")
            let noOrg = try await request("no-such-org", "csm@smb.example")
            #expect(real.status == .accepted && unknown.status == .accepted && noOrg.status == .accepted)
            #expect(real.body["status"] as? String == unknown.body["status"] as? String)
            for _ in 0..<4 { _ = try await request(a.slug, "CSM@smb.example") }
            // The requests only queued the work: the worker does it.
            try await runPasswordResetRequests(services)
            let mails = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT kind, to_address FROM mail_outbox").decode((String, String).self)
            }
            #expect(mails.count == 3, "three links an hour, however often it is asked")
            #expect(mails.allSatisfy { $0.0 == "password_reset" && $0.1 == "csm@smb.example" })
            let bad = try await client.call(.post, "/v1/auth/password-reset/request", token: nil, json: #"{"org":"x","email":"not an address"}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body["field"] as? String == "email")
        }
    }
}

extension MailOutTests {
    /// An org's own relay and sender carry its mail, even where the deployment has no relay at all; its password
    /// is never shown back.
    @Test func anOrgSendsThroughItsOwnRelay() async throws {
        try await SMTPSink.with { sink in
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                try await check(await client.call(.get, "/v1/org/mail-relay", token: a.ownerToken).body["configured"] as? Bool == false)
                try await check(await client.call(.put, "/v1/org/mail-relay", token: a.csmToken,
                                                  json: body(["smtp_url": "smtp://127.0.0.1:\(sink.port)"])).status == .forbidden)
                for (fields, field) in [(["smtp_url": "ftp://mail.example"], "smtp_url"),
                                        (["smtp_url": "smtp://127.0.0.1:25?security=bogus"], "smtp_url"),
                                        (["smtp_url": "smtp://127.0.0.1:25", "from_address": "not an address"], "from_address")] {
                    let bad = try await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body(fields))
                    #expect(bad.status == .unprocessableContent, "\(fields)")
                    #expect(bad.body["field"] as? String == field, "\(fields)")
                }
                let withPassword = try await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                    "smtp_url": "smtp://cs-relay:s3cr%40t@127.0.0.1:\(sink.port)?security=none&allow_plaintext_auth=true"]))
                #expect(withPassword.status == .ok)
                #expect(withPassword.body["username"] as? String == "cs-relay")
                let shown = try await client.call(.get, "/v1/org/mail-relay", token: a.ownerToken)
                #expect(!String(describing: shown.body).contains("s3cr"), "the password never comes back")

                let set = try await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                    "smtp_url": "smtp://127.0.0.1:\(sink.port)?security=none", "from_address": "cs@smb-customer.example", "from_name": "伴走 CS"]))
                #expect(set.body["host"] as? String == "127.0.0.1")
                #expect(set.body["security"] as? String == "none")
                let queued = try await client.call(.post, "/v1/org/mail-relay/test", token: a.ownerToken)
                #expect(queued.status == .accepted)

                // The deployment has no relay: only the org's carries the message.
                try await sendQueuedMail(services, publicURL: "https://banso.example")
                let mail = try #require(try sink.deliveries().first)
                #expect(mail.message.from == [.init(displayName: "伴走 CS", address: "cs@smb-customer.example")])
                #expect(mail.rcptTos.count == 1 && mail.rcptTos.first?.hasPrefix("owner@") == true, "to the admin who asked")
                #expect(mail.message.subject?.contains("メール送信テスト") == true)
                try await check(await client.call(.delete, "/v1/org/mail-relay", token: a.ownerToken).status == .noContent)
                try await check(await client.call(.get, "/v1/org/mail-relay", token: a.ownerToken).body["configured"] as? Bool == false)
            }
        }
    }
}

/// For the isolation test: an org's relay is its own.
func checkMailRelayIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg) async throws -> Set<String> {
    try await check(await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken,
                                      json: body(["smtp_url": "smtps://192.0.2.10", "from_address": "cs@a.example"])).status == .ok)
    try await check(await client.call(.get, "/v1/org/mail-relay", token: b.ownerToken).body["configured"] as? Bool == false)
    try await check(await client.call(.delete, "/v1/org/mail-relay", token: b.ownerToken).status == .notFound)
    let test = try await client.call(.post, "/v1/org/mail-relay/test", token: b.ownerToken)
    #expect(test.status == .accepted, "b's test goes through b's (the deployment's) relay, not a's")
    try await check(await client.call(.get, "/v1/org/mail-relay", token: a.ownerToken).body["host"] as? String == "192.0.2.10")
    return ["GET /v1/org/mail-relay", "PUT /v1/org/mail-relay", "DELETE /v1/org/mail-relay", "POST /v1/org/mail-relay/test"]
}

/// For the isolation test: a forgotten-password request names one org; the same address in another org hears nothing.
func checkPasswordResetRequestIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices)
    async throws -> Set<String>
{
    let store = services.store
    func resets(_ org: TenantOrg) async throws -> Int {
        try await store.tenant(org.orgID) { tx in
            try await tx.query("SELECT count(*) FROM mail_outbox WHERE kind = 'password_reset' AND to_address = 'manager@smb.example'")
                .scalar(Int.self) ?? 0
        }
    }
    let before = (try await resets(a), try await resets(b))
    try await check(await client.call(
        .post, "/v1/auth/password-reset/request", token: nil, json: #"{"org":"\#(a.slug)","email":"manager@smb.example"}"#).status == .accepted)
    try await runPasswordResetRequests(services)
    #expect(try await resets(a) == before.0 + 1)
    #expect(try await resets(b) == before.1, "the other org's member with the same address gets nothing")
    return ["POST /v1/auth/password-reset/request"]
}

/// Runs the queued "forgot my password" jobs, as the worker would.
func runPasswordResetRequests(_ services: AppServices) async throws {
    let worker = JobWorker(
        store: services.store, database: services.database, queues: [QueueConfiguration(name: "default", concurrency: 2)],
        handlers: PasswordResetRequests.handlers(publicURL: services.configuration.publicURL))
    try await worker.runOnce()
}

/// Sends what the outbox holds, as the worker's mail queue would: through `transport` (the deployment's relay, or
/// none) and org relays held to `egress`.
func sendQueuedMail(_ services: AppServices, transport: (any MailTransport)? = nil, egress: EgressPolicy = .allowingPrivate,
                    publicURL: String = "http://localhost:8080") async throws {
    let settings = MailSettings(
        from: try MailAddress("noreply@banso.example"), publicURL: publicURL, transport: transport,
        relays: MailRelays(egress: egress, secrets: TestSecrets.box))
    let worker = JobWorker(
        store: services.store, database: services.database,
        queues: [QueueConfiguration(name: "mail", concurrency: 2)], handlers: MailDelivery.handlers(settings))
    try await worker.runOnce()
}
