import API
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// The settings among the operations pages: goal settings and the notification cap refuse bad input beside the
/// field and keep it; the mail relay's password never appears in a page; schedules pause and resume, another
/// org's not at all.
@Suite struct WebOperationsAdminSettingsTests {
    static let goalSettings =
        "smart_mode=block&achievable_multiple=3&check_in_open_business_day=2&check_in_due_business_day=6&review_business_day=11&short_cadence_due_business_days=2&short_cadence_review_business_days=4&open_time=08%3A30"

    @Test func goalSettingsAndTheCap() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebOperationsAdminTests.sessions(client, a, b, services)
            let bad = try await client.page(
                .post, "/admin/goal-settings", cookie: s.owner, form: Self.goalSettings.replacingOccurrences(of: "open_time=08%3A30", with: "open_time=8h"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"open_time-error\"") && bad.html.contains("value=\"8h\""))
            let order = try await client.page(
                .post, "/admin/goal-settings", cookie: s.owner,
                form: Self.goalSettings.replacingOccurrences(of: "check_in_due_business_day=6", with: "check_in_due_business_day=1"))
            #expect(order.status == .unprocessableContent)
            #expect(order.html.contains("id=\"check_in_due_business_day-error\""))
            let saved = try await client.page(.post, "/admin/goal-settings", cookie: s.owner, form: Self.goalSettings)
            #expect(saved.status == .seeOther)
            let settings = try await client.call(.get, "/v1/org/goal-settings", token: a.ownerToken).body
            #expect(settings["smart_mode"] as? String == "block" && settings["open_time"] as? String == "08:30")
            #expect(try await client.call(.get, "/v1/org/goal-settings", token: b.ownerToken).body["smart_mode"] as? String == "warn")

            let tooMany = try await client.page(.post, "/admin/notifications", cookie: s.owner, form: "cap=5000")
            #expect(tooMany.status == .unprocessableContent)
            #expect(tooMany.html.contains("id=\"cap-error\"") && tooMany.html.contains("value=\"5000\""))
            #expect(try await client.page(.post, "/admin/notifications", cookie: s.owner, form: "cap=7").status == .seeOther)
            #expect(try await client.page(.get, "/admin/notifications", cookie: s.owner).html.contains("週 7 件"))
            #expect(try await client.call(.get, "/v1/org/notification-settings", token: a.ownerToken).body["weekly_nudge_cap"] as? Int == 7)
            #expect(try await client.page(.post, "/admin/notifications", cookie: s.owner, form: "cap=").status == .seeOther)
            #expect(try await client.page(.get, "/admin/notifications", cookie: s.owner).html.contains("現在は上限なしです"))
        }
    }

    @Test func theRelayPasswordNeverComesBack() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebOperationsAdminTests.sessions(client, a, b, services)
            let password = "Pa55-relay-secret"
            let refused = try await client.page(
                .post, "/admin/mail-relay", cookie: s.owner, form: "host=127.0.0.1&port=587&security=starttls&username=u&password=\(password)")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"host-error\""))
            #expect(!refused.html.contains(password))
            let badPort = try await client.page(.post, "/admin/mail-relay", cookie: s.owner, form: "host=93.184.215.14&port=99999&password=\(password)")
            #expect(badPort.status == .unprocessableContent && badPort.html.contains("id=\"port-error\""))
            #expect(!badPort.html.contains(password))
            let saved = try await client.page(
                .post, "/admin/mail-relay", cookie: s.owner,
                form: "host=93.184.215.14&port=587&security=starttls&username=mailer&password=\(password)&from_address=cs%40alpha.example&from_name=Alpha")
            #expect(saved.status == .seeOther)
            let page = try await client.page(.get, "/admin/mail-relay", cookie: s.owner)
            #expect(page.html.contains("93.184.215.14") && page.html.contains("mailer") && page.html.contains("設定済み"))
            #expect(!page.html.contains(password))
            // Saved again without typing it: the password stays set.
            #expect(try await client.page(.post, "/admin/mail-relay", cookie: s.owner, form: "host=93.184.215.14&port=587&security=starttls&username=mailer&password=").status == .seeOther)
            #expect(try await client.page(.get, "/admin/mail-relay", cookie: s.owner).html.contains("設定済み"))
            let tested = try await client.page(.post, "/admin/mail-relay/test", cookie: s.owner, form: "")
            #expect(tested.headers[.location] == "/admin/mail-relay?done=tested")
            let outcome = try await client.page(.get, "/admin/mail-relay?done=tested", cookie: s.owner)
            #expect(outcome.html.contains("直近のテストメール") && outcome.html.contains("送信待ち") && outcome.html.contains("owner@alpha.example"))
            for path in ["/admin/audit", "/admin/jobs", "/admin/mail-relay?done=tested"] {
                #expect(!(try await client.page(.get, path, cookie: s.owner).html.contains(password)), "\(path)")
            }
            #expect(try await client.page(.get, "/admin/mail-relay", cookie: s.other).html.contains("93.184.215.14") == false)
            #expect(try await client.page(.post, "/admin/mail-relay/delete", cookie: s.owner, form: "").status == .seeOther)
        }
    }

    @Test func schedulesPauseAndResume() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebOperationsAdminTests.sessions(client, a, b, services)
            let created = try await client.call(
                .post, "/v1/schedules", token: a.ownerToken,
                json: body(["name": "Weekly prompt", "kind": "webhook.broadcast", "recurrence": ["type": "weekly", "weekdays": [1], "at": "09:00"]]))
            let id = try #require(created.body["id"] as? String)
            let page = try await client.page(.get, "/admin/schedules", cookie: s.owner)
            #expect(page.html.contains("Weekly prompt") && page.html.contains("毎週月曜日 09:00"))
            let paused = try await client.page(.post, "/admin/schedules/\(id)/active", cookie: s.owner, form: "active=false")
            #expect(paused.status == .seeOther)
            #expect(try await client.call(.get, "/v1/schedules/\(id)", token: a.ownerToken).body["active"] as? Bool == false)
            #expect(try await client.page(.post, "/admin/schedules/\(id)/active", cookie: s.other, form: "active=true").status == .notFound)
            #expect(try await client.page(.post, "/admin/schedules/\(id)/active", cookie: s.manager, form: "active=true").status == .forbidden)
            #expect(try await client.page(.post, "/admin/schedules/\(id)/active", cookie: s.owner, form: "active=true").status == .seeOther)

            // Re-timed: Tuesdays and Thursdays at 10:30; a bad time or no day comes back beside the form.
            let badTime = try await client.page(.post, "/admin/schedules/\(id)/timing", cookie: s.owner, form: "type=weekly&weekdays%5B%5D=2&time=25%3A00")
            #expect(badTime.status == .unprocessableContent && badTime.html.contains("id=\"timing-\(id)-error\"") && badTime.html.contains("value=\"25:00\""))
            let noDay = try await client.page(.post, "/admin/schedules/\(id)/timing", cookie: s.owner, form: "type=weekly&time=10%3A30")
            #expect(noDay.status == .unprocessableContent && noDay.html.contains("曜日を1つ以上選んでください"))
            let retimed = try await client.page(
                .post, "/admin/schedules/\(id)/timing", cookie: s.owner, form: "type=weekly&weekdays%5B%5D=2&weekdays%5B%5D=4&time=10%3A30")
            #expect(retimed.headers[.location] == "/admin/schedules?done=retimed")
            let recurrence = try await client.call(.get, "/v1/schedules/\(id)", token: a.ownerToken).body["recurrence"] as? [String: Any]
            #expect(recurrence?["weekdays"] as? [Int] == [2, 4] && recurrence?["at"] as? String == "10:30")
            #expect(try await client.page(.get, "/admin/schedules", cookie: s.owner).html.contains("毎週火・木曜日 10:30"))
            #expect(try await client.page(.post, "/admin/schedules/\(id)/timing", cookie: s.other, form: "type=weekly&weekdays%5B%5D=2&time=10%3A30").status == .notFound)
            // A built-in schedule, where the org has one, keeps the goal settings' timing (409 beside the form).
            let builtIn = try await client.call(.get, "/v1/admin/schedules", token: a.ownerToken).body.items
                .first { !["webhook.broadcast", "goal.nudge"].contains($0["job_kind"] as? String ?? "") }?["id"] as? String
            if let builtIn {
                let refused = try await client.page(.post, "/admin/schedules/\(builtIn)/timing", cookie: s.owner, form: "type=weekly&weekdays%5B%5D=2&time=10%3A30")
                #expect(refused.status == .conflict && refused.html.contains("目標の設定に従います"))
            }
        }
    }
}
