import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// The customer reports as pages: the renewals calendar, GRR/NRR, the health distribution and the ticket metrics,
/// in both languages; support is refused GRR/NRR and sees no ARR on the renewals; another org sees nothing of ours.
@Suite struct WebCustomerReportPageTests {
    static let password = "correct horse battery"

    @Test func reportsInBothLanguagesWithTheirLimits() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let hash = try await Secrets.hashPassword(Self.password)
            try await store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: support.id, hash: hash) }
            // Today is 2026-11-24: a contract ending 2026-12-31 without auto-renewal has its deadline in 37 days and
            // has paid the same every month of the trailing year.
            let customer = try await a.addCustomer(store, name: "株式会社ミナト", kana: "ミナト", owner: a.csm)
            try await a.addContract(store, customer: customer, arr: 1_200_000, start: "2024-01-01", end: "2026-12-31")
            try await a.addScore(store, customer: customer, grade: .c, total: 45, month: "2026-10", at: Date(timeIntervalSince1970: 1_790_000_000))
            try await a.addTicket(store, customer: customer, title: "ログインできない", priority: "urgent")

            let owner = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let renewals = try await client.page(.get, "/renewals", cookie: owner)
            #expect(renewals.status == .ok)
            #expect(renewals.html.contains("株式会社ミナト"))
            #expect(renewals.html.contains("2026年12月31日(木)"))
            #expect(renewals.html.contains("JPY 1,200,000"))
            #expect(renewals.html.contains("あと 37 日"))
            #expect(renewals.html.contains("大晦日") || renewals.html.contains("元日"), "holidays are marked")
            #expect(renewals.html.contains("<th scope=\"col\">月</th>"))
            let filtered = try await client.page(.get, "/renewals?team=\(a.enterpriseTeam.lower)&within=30", cookie: owner)
            #expect(!filtered.html.contains("株式会社ミナト"))

            let retention = try await client.page(.get, "/reports/retention", cookie: owner)
            #expect(retention.status == .ok)
            #expect(retention.html.contains("100%"))
            #expect(retention.html.contains("/customers/\(customer.lower)"))
            #expect(retention.html.contains("<svg class=\"crep-chart\""))
            let byCSM = try await client.page(.get, "/reports/retention?group_by=csm&start=2025-10&end=2026-10", cookie: owner)
            #expect(byCSM.status == .ok)
            #expect(byCSM.html.contains("csm さん"))
            let badWindow = try await client.page(.get, "/reports/retention?start=2026-10&end=2025-10", cookie: owner)
            #expect(badWindow.status == .unprocessableContent)
            #expect(badWindow.html.contains("id=\"window-error\""))
            let badMonth = try await client.page(.get, "/reports/retention?start=2026-13", cookie: owner)
            #expect(badMonth.status == .unprocessableContent)

            let health = try await client.page(.get, "/reports/health?from=2026-06&to=2026-11", cookie: owner)
            #expect(health.status == .ok)
            #expect(health.html.contains("A・B 比率"))
            #expect(health.html.contains("2026年10月"))
            let healthByTeam = try await client.page(.get, "/reports/health?group_by=team", cookie: owner)
            #expect(healthByTeam.html.contains("SMB 1"))

            let tickets = try await client.page(.get, "/reports/tickets?group_by=phase&from=2026-09-01&to=2026-11-24", cookie: owner)
            #expect(tickets.status == .ok)
            #expect(tickets.html.contains("crep-highlight"), "the onboarding row stands out")
            let badDay = try await client.page(.get, "/reports/tickets?from=yesterday", cookie: owner)
            #expect(badDay.status == .unprocessableContent)

            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/renewals", cookie: owner)
            #expect(english.html.contains("Renewals calendar"))
            #expect(english.html.contains("Thu 31 Dec 2026"))
            #expect(try await client.page(.get, "/reports/retention", cookie: owner).html.contains("GRR and NRR trend"))
            #expect(try await client.page(.get, "/reports/health", cookie: owner).html.contains("Health grade distribution"))
            #expect(try await client.page(.get, "/reports/tickets", cookie: owner).html.contains("Ticket metrics"))

            // Support: the renewals without ARR; GRR/NRR is the 403 page and its tab is not offered.
            let supportSession = try await client.signIn(a.slug, "support@alpha.example", Self.password).session
            let supportRenewals = try await client.page(.get, "/renewals", cookie: supportSession)
            #expect(supportRenewals.status == .ok)
            #expect(supportRenewals.html.contains("株式会社ミナト"))
            #expect(!supportRenewals.html.contains("1,200,000"))
            #expect(!supportRenewals.html.contains(">ARR<"))
            #expect(!supportRenewals.html.contains("/reports/retention"))
            #expect(try await client.page(.get, "/reports/retention", cookie: supportSession).status == .forbidden)

            // Another org: nothing of org A anywhere.
            let ownerB = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            for path in ["/renewals", "/reports/retention", "/reports/health?group_by=csm", "/reports/tickets?group_by=product"] {
                let page = try await client.page(.get, path, cookie: ownerB)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.html.contains("株式会社ミナト"), "\(path)")
                #expect(!page.html.contains("1,200,000"), "\(path)")
            }
            #expect(!(try await client.page(.get, "/renewals?company=\(a.smb.lower)", cookie: ownerB).html.contains("株式会社ミナト")))
        }
    }
}
