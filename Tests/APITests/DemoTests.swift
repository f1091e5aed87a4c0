import API
import Demo
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

@Suite struct DemoTests {
    @Test func demoOrganisationSignsInInBothLanguages() async throws {
        try await withApp { client, services in
            let demo = try await DemoOrganization.create(store: services.store)
            #expect(demo.members.count == 11)
            #expect(Set(demo.members.map(\.locale)) == ["ja", "en"])
            #expect(Set(demo.members.map(\.role)).isSuperset(of: ["owner", "manager", "csm", "support", "ops", "viewer"]))
            let emily = try #require(demo.members.first { $0.email.hasPrefix("emily") })
            let login = try await client.call(
                .post, "/v1/auth/login", token: nil,
                json: #"{"org":"\#(demo.slug)","email":"\#(emily.email)","password":"\#(emily.password)"}"#)
            #expect(login.status == .ok)
            let me = try await client.call(.get, "/v1/me", token: login.body["token"] as? String)
            #expect((me.body["member"] as? [String: Any])?["locale"] as? String == "en")
            #expect((me.body["grants"] as? [[String: Any]])?.first?["role"] as? String == "csm")
            let companies = try await client.call(.get, "/v1/companies", token: demo.token).body.items.compactMap { $0["name"] as? String }
            #expect(companies.contains("エンタープライズ (Enterprise)"))
            let chain = try await client.call(.get, "/v1/positions", token: demo.token)
            #expect(chain.body.items.count == 7)
            let ito = try #require(demo.members.first { $0.email.hasPrefix("ito") })
            let itoLogin = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(demo.slug)","email":"\#(ito.email)","password":"\#(ito.password)"}"#)
            let inbox = try await client.call(.get, "/v1/me/notifications", token: itoLogin.body["token"] as? String)
            #expect(inbox.body.items.contains { $0["kind"] as? String == "accountability.assigned" })
        }
    }

    /// The demo's customers tell their story on first sign-in: ten accounts in every phase, 北星銀行 fallen to C with
    /// the reason written down, renewals whose notice deadline is near, GRR/NRR per currency (yen and dollars apart),
    /// a Japanese timeline search that finds 解約, and support seeing no contract values.
    @Test func demoCustomersHaveAStory() async throws {
        try await withApp { client, services in
            let demo = try await DemoOrganization.create(store: services.store)
            let customers = try await client.call(.get, "/v1/customers?limit=50", token: demo.token).body.items
            #expect(customers.count == 10)
            #expect(Set(customers.compactMap { $0["phase"] as? String }) == ["onboarding", "outcome", "embedded", "renewal", "churned"])
            // Sorted by reading: アオバ… first.
            #expect(customers.first?["name"] as? String == "青葉クリニック")
            let hokusei = try #require(customers.first { $0["name"] as? String == "北星銀行" }?["id"] as? String)
            let health = try await client.call(.get, "/v1/customers/\(hokusei)/health", token: demo.token).body
            let grade = try #require(health["grade"] as? String)
            #expect(grade >= "C", "北星銀行 is graded \(grade)")
            let change = try #require(health["change"] as? [String: Any])
            #expect(change["grade_dropped"] as? Bool == true, "\(change)")
            #expect(((health["signals"] as? [[String: Any]]) ?? []).count >= 3)

            let renewals = try await client.call(.get, "/v1/renewals?within_days=90", token: demo.token).body.items
            #expect(!renewals.isEmpty)
            let retention = try await client.call(.get, "/v1/reports/retention?group_by=org", token: demo.token)
            #expect(retention.status == .ok, "\(retention.body)")
            let search = try await client.call(.get, "/v1/timeline/search?q=%E8%A7%A3%E7%B4%84", token: demo.token).body.items
            #expect(!search.isEmpty, "解約 is found in the demo's timeline")

            let watanabe = try #require(demo.members.first { $0.email.hasPrefix("watanabe") })
            let login = try await client.call(
                .post, "/v1/auth/login", token: nil,
                json: #"{"org":"\#(demo.slug)","email":"\#(watanabe.email)","password":"\#(watanabe.password)"}"#)
            let support = try #require(login.body["token"] as? String)
            let smbCustomer = try #require(customers.first { $0["name"] as? String == "ひまわり不動産" }?["id"] as? String)
            #expect(try await client.call(.get, "/v1/customers/\(smbCustomer)", token: support).status == .ok)
            #expect(try await client.call(.get, "/v1/customers/\(smbCustomer)/contracts", token: support).status == .forbidden)
        }
    }

    /// The demo lives in the present of whatever day it is built: this half's tree, last month's check-ins open and
    /// waiting for their owners, the cadence's next fires ahead — on the last day of a fiscal year, on 29 February,
    /// on a closure day (31 December), in the first month of a half (last month then belongs to the previous half)
    /// and on the tests' reference day.
    @Test(arguments: [
        "2027-03-31T18:00:00+09:00", "2028-02-29T10:00:00+09:00", "2026-12-31T10:00:00+09:00", "2026-10-05T10:00:00+09:00",
        "2027-04-01T08:00:00+09:00", "2026-11-24T12:00:00+09:00",
    ])
    func demoLivesInThePresent(_ day: String) async throws {
        let now = TestClock.instant(day)
        try await withApp(clock: .running(from: now)) { client, services in
            let demo = try await DemoOrganization.create(store: services.store)
            let today = Recurrence.localDate(of: now, in: TimeZone(identifier: "Asia/Tokyo")!)
            let half = FiscalPeriod.containing(today, kind: .half, startMonth: 4)
            let lastMonth = FiscalPeriod.month(containing: today, startMonth: 4).previous
            let lastMonthsHalf = FiscalPeriod.containing(lastMonth.start, kind: .half, startMonth: 4)

            // The current half's tree: two roots, twelve goals.
            let tree = try await client.call(.get, "/v1/goals/tree?period=\(half)", token: demo.token)
            #expect(tree.status == .ok)
            #expect(tree.body["count"] as? Int == 12, "\(day): \(half)")
            #expect((tree.body["roots"] as? [[String: Any]])?.count == 2)

            // Last month's check-ins exist for every KPI and are open; nothing is checked in for this month or later.
            let kpis = try await client.call(.get, "/v1/goals?kind=kpi&period=\(lastMonthsHalf)", token: demo.token).body.items
            #expect(kpis.count == 7, "\(day)")
            let lastMonthName = String(format: "%04d-%02d", lastMonth.calendarYear, lastMonth.calendarMonth)
            var submittedBefore = 0
            for kpi in kpis {
                let id = try #require(kpi["id"] as? String)
                let checkIns = try await client.call(.get, "/v1/goals/\(id)/check-ins", token: demo.token).body.items
                let last = checkIns.first { $0["period"] as? String == lastMonthName }
                #expect(last?["state"] as? String == "open", "\(day): \(kpi["title"] ?? "") \(lastMonthName)")
                #expect(checkIns.allSatisfy { ($0["period_end"] as? String ?? "") < today.description }, "\(day): no check-in for a month not yet ended")
                submittedBefore += checkIns.filter { $0["state"] as? String != "open" }.count
            }
            let endedBefore = lastMonthsHalf.months.filter { $0.end < lastMonth.start }.count
            #expect(submittedBefore == 7 * endedBefore, "\(day): every earlier month checked in")

            // Its company calendar has 年末年始 (so 31 December is a closure day, as on the real calendar).
            let closures = try await client.call(.get, "/v1/org/closures?year=\(today.year)", token: demo.token).body.items
            #expect(closures.contains { $0["date"] as? String == "\(today.year)-12-31" })
            // The cadence runs from here: every built-in schedule's next fire is ahead of now.
            let schedules = try await client.call(.get, "/v1/admin/schedules", token: demo.token).body.items
            let names = Set(schedules.compactMap { $0["name"] as? String })
            #expect(names.isSuperset(of: ["goals.monthly_check_ins", "goals.review_reminders", "goals.weekly_check_ins", "notifications.digests"]), "\(names)")
            for schedule in schedules {
                let next = try #require((schedule["next_fire_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                #expect(next > now, "\(day): \(schedule["name"] ?? "") fires next at \(next)")
            }
        }
    }
}
