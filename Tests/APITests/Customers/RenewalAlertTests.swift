import API
import Domain
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Scheduler
import Store
import TestSupport
import Testing
import UseCases

/// Renewal alerts in a time-travel run across a contract's 解約予告期限: exactly on the 90/60/30-day days, to the
/// CSM, the sales owner and the CSM's reviewer, with the open urgent/high tickets, health and NPS; the webhook
/// event; a missed day caught up; nothing twice.
@Suite struct RenewalAlertTests {
    @Test func alertsFireOnTheRightDaysToTheRightPeopleOnce() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            let store = services.store
            try await check(await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                "url": "http://127.0.0.1:9/hook", "event_types": ["renewal.alert"], "format": "json"])).status == .created)
            let (sales, salesToken) = try await a.addMember(store, email: "sales@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let customer = try await a.addCustomer(store, name: "更新商事", owner: a.csm)
            try await store.tenant(a.orgID) { tx in
                _ = try await tx.execute("UPDATE customer SET sales_owner_id = \(sales) WHERE org_id = \(a.orgID) AND id = \(customer)")
            }
            // Ends 2027-06-30, one month's notice: deadline 2027-05-31; alerts on 03-02, 04-01 and 05-01.
            try await a.addContract(store, customer: customer, arr: 1_200_000, start: "2026-07-01", end: "2027-06-30", autoRenews: true, noticeMonths: 1)
            // A second customer whose 90-day alert (deadline 2027-06-08 → 03-10) falls on days the worker is down.
            let missed = try await a.addCustomer(store, name: "停止中株式会社", owner: a.csm)
            try await a.addContract(store, customer: missed, arr: 500_000, start: "2026-06-09", end: "2027-06-08")
            try await a.addTicket(store, customer: customer, title: "請求書の誤り")
            try await a.addTicket(store, customer: customer, title: "障害の再発", priority: "urgent")
            try await a.addNPS(store, customer: customer, score: 6, on: "2026-11-01")
            try await BuiltInSchedules.ensure(store)

            let worker = HealthScheduleTests.worker(services)
            var firedOn: [String] = []
            var known = 0
            var day = LocalDate(year: 2027, month: 2, day: 27)!
            while day <= LocalDate(year: 2027, month: 5, day: 2)! {
                defer { day = day.adding(days: 1) }
                // The worker is down from 03-08 to 03-12.
                if day >= LocalDate(year: 2027, month: 3, day: 8)!, day <= LocalDate(year: 2027, month: 3, day: 12)! { continue }
                try await worker.runOnce(now: TestClock.instant("\(day)T08:05:00+09:00"))
                let alerts = try await client.call(.get, "/v1/me/notifications?limit=200", token: a.csmToken).body.items
                    .filter { $0["kind"] as? String == "renewal.alert" }
                if alerts.count > known { firedOn.append(day.description + "×\(alerts.count - known)") }
                known = alerts.count
            }
            #expect(firedOn == ["2027-03-02×1", "2027-03-13×1", "2027-04-01×1", "2027-04-09×1", "2027-05-01×1"], "\(firedOn)")

            let csmAlerts = try await client.call(.get, "/v1/me/notifications?limit=200", token: a.csmToken).body.items
                .filter { $0["kind"] as? String == "renewal.alert" }
            let ninety = try #require(csmAlerts.first { ($0["title"] as? String)?.contains("更新商事") == true && ($0["title"] as? String)?.contains("90") == true })
            let text = ninety["body"] as? String ?? ""
            #expect(text.contains("2027-05-31"), "\(text)")
            #expect(text.contains("2027-06-30"))
            #expect(text.contains("障害の再発") && text.contains("請求書の誤り"))
            #expect(text.contains("2 件"))
            #expect(text.contains("NPS") && text.contains("-100"))
            #expect(text.contains("ヘルス"))
            // The sales owner and the CSM's reviewer (the SMB manager) each hear of the three alerts of 更新商事 once.
            for token in [salesToken, a.smbManagerToken] {
                let theirs = try await client.call(.get, "/v1/me/notifications?limit=200", token: token).body.items
                    .filter { $0["kind"] as? String == "renewal.alert" && ($0["title"] as? String)?.contains("更新商事") == true }
                #expect(theirs.count == 3)
            }
            let jobs = try await client.call(.get, "/v1/admin/jobs?kind=webhooks.deliver&limit=200", token: a.ownerToken).body.items
            #expect(jobs.count == 5)
            let event = (jobs.first?["payload"] as? [String: Any])?["event"] as? [String: Any]
            #expect(event?["type"] as? String == "renewal.alert")

            // A rerun of a day sends nothing twice.
            let again = try await store.tenant(a.orgID) { tx in
                try await RenewalAlerting.run(tx, today: LocalDate(iso: "2027-05-01")!, lastRun: LocalDate(iso: "2027-02-01")!, now: TestClock.instant("2027-05-01T09:00:00+09:00"))
            }
            #expect(again == 0)
            try await check(await a.count(store, "SELECT count(*)::int FROM renewal_alert WHERE org_id = \(a.orgID)") == 5)
        }
    }
}
