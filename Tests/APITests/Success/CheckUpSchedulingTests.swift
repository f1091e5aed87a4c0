import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Scheduler
import Settings
import Store
import TestSupport
import Testing
import UseCases

/// The daily check-up run in time (`worker.runOnce(now:)`, as `banso worker --once --now …`): only teams that
/// turned their plan on send, on the plan's day at 09:00 Tokyo, once per customer and month however often the run
/// repeats; an unanswered link is reminded once after the org's reminder days; an opted-out contact is not.
@Suite struct CheckUpSchedulingTests {
    @Test func theMonthlyRunSendsForEnabledTeamsOnceAndRemindsOnce() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let template = try await CheckUpFixture.template(client, a)
            let smb = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "y@aozora.example")
            let other = try await CheckUpFixture.customer(client, a, store, name: "ひまわり物産", email: "s@himawari.example")
            _ = try await CheckUpFixture.customer(client, a, store, name: "エンタープライズ社", email: "e@ent.example", team: a.enterpriseTeam,
                                                  company: a.enterprise)
            // SMB's team turns its check-up on for the 1st; Enterprise's team saves a plan but leaves it off.
            #expect(try await client.call(.put, "/v1/teams/\(a.smbTeam.lower)/check-up-plan", token: a.smbManagerToken,
                                          json: #"{"enabled":true,"template_id":"\#(template.id)","day_of_month":1}"#).status == .ok)
            #expect(try await client.call(.put, "/v1/teams/\(a.enterpriseTeam.lower)/check-up-plan", token: a.ownerToken,
                                          json: #"{"enabled":false,"template_id":"\#(template.id)","day_of_month":1}"#).status == .ok)
            try await store.tenant(a.orgID) { tx in
                let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                _ = try await ScheduleRepository.upsert(
                    tx, CheckUpSending.schedule(org: a.orgID, zone: TimeZone(identifier: "Asia/Tokyo")!, calendar: calendar, now: TestClock.reference))
            }
            let worker = JobWorker(store: store, database: services.database, queues: [QueueConfiguration(name: "default", concurrency: 1)],
                                   handlers: CheckUpSending.handlers(publicURL: "https://banso.example"))
            func mails() async throws -> [(to: String, subject: String)] {
                try await store.tenant(a.orgID) { tx in
                    try await tx.query("SELECT to_address, subject FROM mail_outbox ORDER BY created_at, id").decode((String, String).self)
                        .map { (to: $0.0, subject: $0.1) }
                }
            }

            // Tuesday 1 December 09:00 Tokyo: SMB's two customers get their check-up; Enterprise's does not.
            try await worker.runOnce(now: TestClock.instant("2026-12-01T09:00:00+09:00"))
            #expect(try await mails().map(\.to).sorted() == ["s@himawari.example", "y@aozora.example"])
            #expect(try await CheckUpFixture.tokens(store, a, to: "y@aozora.example").count == 1)
            let links = try await store.tenant(a.orgID) { tx in try await tx.query("SELECT text_body FROM mail_outbox").decodeColumn(String.self) }
            #expect(links.allSatisfy { $0.contains("https://banso.example/c/bso_") && $0.contains("https://banso.example/u/bso_") })
            // Reruns the same day and the next days send nothing again this month.
            try await worker.runOnce(now: TestClock.instant("2026-12-01T09:30:00+09:00"))
            try await worker.runOnce(now: TestClock.instant("2026-12-02T09:00:00+09:00"))
            #expect(try await mails().count == 2)

            // One contact opts out before the reminder is due.
            let token = try #require(try await CheckUpFixture.tokens(store, a, to: "s@himawari.example").first)
            #expect(try await client.call(.get, "/v1/check-ups?customer_id=\(other.customer.lower)", token: a.csmToken).body.items.count == 1)
            _ = try await CheckUpLinks.unsubscribe(store, token: token)

            // 8 December 09:00: seven days on, the other contact is reminded — once — with a fresh link that works.
            try await worker.runOnce(now: TestClock.instant("2026-12-07T09:00:00+09:00"))
            #expect(try await mails().count == 2, "not before seven full days")
            try await worker.runOnce(now: TestClock.instant("2026-12-08T09:00:00+09:00"))
            try await worker.runOnce(now: TestClock.instant("2026-12-09T09:00:00+09:00"))
            let all = try await mails()
            #expect(all.count == 3)
            #expect(all.last?.to == "y@aozora.example" && all.last?.subject.hasPrefix("【再送】") == true)
            let reminded = try await client.call(.get, "/v1/check-ups?customer_id=\(smb.customer.lower)", token: a.csmToken).body.items
            #expect(reminded.count == 1 && reminded.first?["reminded_at"] != nil)
            let tokens = try await CheckUpFixture.tokens(store, a, to: "y@aozora.example")
            #expect(tokens.count == 2 && tokens[0] != tokens[1])
            #expect(try await CheckUpLinks.open(store, token: tokens[1])?.state == .open, "the reminder's link opens the same questionnaire")
            #expect(try await CheckUpLinks.open(store, token: tokens[0])?.state == .open, "and the first one still does")

            // January: the plan sends again, once more per customer — but not to the contact who opted out.
            try await worker.runOnce(now: TestClock.instant("2027-01-04T09:00:00+09:00"))
            #expect(try await mails().count == 4)
            #expect(try await mails().last?.to == "y@aozora.example")
        }
    }
}
