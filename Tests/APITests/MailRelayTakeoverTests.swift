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

/// Issue 10, item 1: an admin could point the org's mail at their own relay and then ask for the owner's reset
/// link. Only owners change the relay, every owner hears of it, and secret-link mail never goes through it.
@Suite struct MailRelayTakeoverTests {
    /// Adds a member with `role` over the org and signs them in; returns their id and session token.
    static func member(_ client: any TestClientProtocol, _ a: TenantOrg, email: String, role: String) async throws -> (String, String) {
        let created = try await client.call(.post, "/v1/members", token: a.ownerToken, json: body([
            "email": email, "display_name": role, "password": "a long enough password"]))
        let id = try #require(created.body["id"] as? String)
        try await check(await client.call(.post, "/v1/grants", token: a.ownerToken, json: body([
            "member_id": id, "role": role, "scope_type": "org"])).status == .created)
        let login = try await client.call(.post, "/v1/auth/login", token: nil, json: body([
            "org": a.slug, "email": email, "password": "a long enough password"]))
        return (id, try #require(login.body["token"] as? String))
    }

    @Test func onlyOwnersSetTheRelayEveryOwnerHearsAndResetLinksNeverUseIt() async throws {
        try await SMTPSink.with { deployment in
            try await SMTPSink.with { orgRelay in
                try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                    let (_, adminToken) = try await Self.member(client, a, email: "admin@alpha.example", role: "admin")
                    let (_, secondOwnerToken) = try await Self.member(client, a, email: "owner2@alpha.example", role: "owner")
                    let url = "smtp://127.0.0.1:\(orgRelay.port)?security=none"
                    let byAdmin = try await client.call(.put, "/v1/org/mail-relay", token: adminToken, json: body(["smtp_url": url]))
                    #expect(byAdmin.status == .forbidden)
                    #expect(byAdmin.body["missing_permission"] as? String == "org.manage")
                    try await check(await client.call(.delete, "/v1/org/mail-relay", token: adminToken).status == .forbidden)

                    let set = try await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                        "smtp_url": url, "from_address": "cs@alpha.example"]))
                    #expect(set.status == .ok)
                    // Every owner is told, the one who changed it too; it is an escalation, so never muted.
                    for token in [a.ownerToken, secondOwnerToken] {
                        let inbox = try await client.call(.get, "/v1/me/notifications", token: token).body.items
                        #expect(inbox.contains { $0["kind"] as? String == "mail_relay.changed" })
                    }
                    let audit = try await client.call(.get, "/v1/audit?resource_type=org", token: a.ownerToken).body.items
                    #expect(audit.contains { $0["action"] as? String == "mail_relay.set" })

                    // The anonymous reset request for the owner's address: the link goes out through the deployment's
                    // relay, never the org's; ordinary mail (the relay test) still uses the org's.
                    try await check(await client.call(.post, "/v1/auth/password-reset/request", token: nil, json: body([
                        "org": a.slug, "email": "owner@alpha.example"])).status == .accepted)
                    try await check(await client.call(.post, "/v1/org/mail-relay/test", token: a.ownerToken).status == .accepted)
                    try await runPasswordResetRequests(services)
                    let settings = MailSettings(
                        from: try MailAddress("noreply@banso.example"), publicURL: services.configuration.publicURL,
                        transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: deployment.port, security: .none)),
                        relays: MailRelays(egress: .allowingPrivate, secrets: TestSecrets.box))
                    let worker = JobWorker(
                        store: services.store, database: services.database,
                        queues: [QueueConfiguration(name: "default", concurrency: 2), QueueConfiguration(name: "mail", concurrency: 2)],
                        handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box).merging(MailDelivery.handlers(settings)) { a, _ in a })
                    try await worker.runOnce()
                    let viaDeployment = try deployment.deliveries()
                    let viaOrg = try orgRelay.deliveries()
                    #expect(viaDeployment.contains { $0.rcptTos == ["owner@alpha.example"] && $0.message.text?.contains("/password-reset?token=") == true })
                    #expect(!viaOrg.contains { $0.message.text?.contains("password-reset") == true }, "no reset link through the org's relay")
                    #expect(viaOrg.count >= 1, "the relay test went through the org's relay")
                }
            }
        }
    }

    /// Without a deployment relay, secret-link mail is recorded as skipped, its link forgotten at once.
    @Test func withoutADeploymentRelaySecretLinkMailIsSkippedAndForgotten() async throws {
        try await SMTPSink.with { orgRelay in
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                try await check(await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                    "smtp_url": "smtp://127.0.0.1:\(orgRelay.port)?security=none"])).status == .ok)
                let reset = try await client.call(.post, "/v1/members/\(a.csm.lower)/password-reset", token: a.ownerToken)
                #expect(reset.status == .created, "the link is shown once to the admin who created it")
                #expect(reset.body["token"] is String)
                try await sendQueuedMail(services)
                #expect(try orgRelay.deliveries().isEmpty)
                let stored = try await services.store.tenant(a.orgID) { tx in
                    try await tx.query("SELECT state, text_body IS NULL AND html_body IS NULL FROM mail_outbox WHERE kind = 'password_reset'")
                        .decode((String, Bool).self)
                }
                #expect(stored.map { "\($0.0) \($0.1)" } == ["skipped true"])
            }
        }
    }
}
