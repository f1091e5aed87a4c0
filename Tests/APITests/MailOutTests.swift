import API
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
            try await withTenants { client, a, _, services in
                let invited = try await InvitationTests.invite(client, token: a.ownerToken, email: "newbie@smb.example", team: a.smbTeam, role: "csm")
                #expect(invited.status == .created)
                let inviteToken = try #require(invited.body["token"] as? String)
                let reset = try await client.call(.post, "/v1/members/\(a.csm.lower)/password-reset", token: a.ownerToken)
                let resetToken = try #require(reset.body["token"] as? String)

                let settings = MailSettings(
                    from: try MailAddress("noreply@banso.example", displayName: "Banso"), publicURL: services.configuration.publicURL,
                    transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none)))
                let worker = JobWorker(
                    store: Store(database: services.database), database: services.database,
                    queues: [QueueConfiguration(name: "mail", concurrency: 2)], handlers: MailDelivery.handlers(settings))
                try await worker.runOnce()

                let deliveries = try sink.deliveries().sorted { ($0.rcptTos.first ?? "") < ($1.rcptTos.first ?? "") }
                #expect(deliveries.map(\.rcptTos) == [["csm@smb.example"], ["newbie@smb.example"]])
                let resetMail = try #require(deliveries.first)
                let inviteMail = try #require(deliveries.last)
                #expect(inviteMail.message.subject?.contains("Banso に招待されました") == true, "in the org's language")
                #expect(inviteMail.message.text?.contains("http://localhost:8080/v1/auth/invitations/accept?token=\(inviteToken)") == true)
                #expect(inviteMail.message.html?.contains("参加する") == true)
                #expect(resetMail.message.subject?.contains("パスワード再設定") == true)
                #expect(resetMail.message.text?.contains("/v1/auth/password-reset/redeem?token=\(resetToken)") == true)
                // Sent secret links are not kept.
                let stored = try await Store(database: services.database).tenant(a.orgID) { tx in
                    try await tx.query("SELECT kind, state, text_body IS NULL AND html_body IS NULL FROM mail_outbox ORDER BY kind")
                        .decode((String, String, Bool).self)
                }
                #expect(stored.map { "\($0.0) \($0.1) \($0.2)" } == ["invitation sent true", "password_reset sent true"])
                // The link works.
                try await check(await InvitationTests.accept(client, inviteToken).status == .created)
            }
        }
    }
}
