import API
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import Web

/// The operations pages' logs: a webhook's deliveries newest first, 20 a page, with when a failed one is tried
/// next; the audit log read back with "older" (a keyset cursor) and filtered by actor and days.
@Suite struct WebOperationsAdminLogTests {
    @Test func theDeliveryLogPagesAndSaysWhenItRetries() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebOperationsAdminTests.sessions(client, a, b, services)
            let created = try await client.page(
                .post, "/admin/webhooks", cookie: s.owner, form: "url=https%3A%2F%2F93.184.215.14%2Fhook&events%5B%5D=goal.created")
            #expect(created.status == .ok)
            let id = try #require(try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first?["id"] as? String)
            let endpoint = try #require(UUID(uuidString: id))
            let failing = WebhookEvent.test(id: .v7(), at: services.clock.now, endpoint: endpoint)
            try await services.store.tenant(a.orgID) { tx in
                for n in 1...24 {
                    let event = WebhookEvent.test(id: .v7(), at: services.clock.now, endpoint: endpoint)
                    try await WebhookRepository.record(
                        tx, endpoint: endpoint, event: event, attempt: 1, succeeded: true, statusCode: 200, error: nil, durationMs: Double(n))
                }
                try await WebhookRepository.record(
                    tx, endpoint: endpoint, event: failing, attempt: 2, succeeded: false, statusCode: 503, error: "Service Unavailable",
                    durationMs: 1234)
                try await WebhookRepository.emitTo(tx, endpoint: try #require(try await WebhookRepository.get(tx, id: endpoint)), failing)
                let key = "webhook:\(failing.id.uuidString.lowercased()):\(id)"
                try await tx.execute("UPDATE job SET state = 'retryable', run_at = '2026-12-08T00:30:00Z' WHERE unique_key = \(key)")
            }
            let first = try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.owner)
            #expect(first.status == .ok)
            #expect(first.html.contains("Service Unavailable") && first.html.contains("503") && first.html.contains("1,234 ミリ秒"))
            #expect(first.html.contains("2026年12月8日(火) 09:30"), "the next retry, in the reader's zone")
            #expect(first.html.contains("1 / 2 ページ") && first.html.contains("?page=2"))
            #expect(first.html.components(separatedBy: "<tr>").count - 1 == 20 + 1, "20 deliveries and the header")
            let second = try await client.page(.get, "/admin/webhooks/\(id)?page=2", cookie: s.owner)
            #expect(second.html.contains("2 / 2 ページ") && !second.html.contains("Service Unavailable"))
            #expect(second.html.components(separatedBy: "<tr>").count - 1 == 5 + 1)
            #expect(try await client.page(.get, "/admin/webhooks/\(id)?page=99", cookie: s.owner).status == .ok)
        }
    }

    @Test func theAuditLogReadsBackOlderAndFilters() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebOperationsAdminTests.sessions(client, a, b, services)
            for day in 1...55 {
                let date = try #require(LocalDate(year: 2026, month: 1, day: 1)).adding(days: day - 1).description
                #expect(try await client.call(.put, "/v1/org/closures/\(date)", token: a.ownerToken, json: body(["name": "d\(day)"])).status == .ok)
            }
            let first = try await client.page(.get, "/admin/audit?action=closure.put", cookie: s.owner)
            #expect(first.status == .ok)
            #expect(first.html.contains("d55&quot;") && !first.html.contains("d5&quot;"), "newest first, 50 a page")
            let older = try #require(first.html.firstMatch(of: /href="(\/admin\/audit\?before=[^"]+)"/)?.output.1)
            #expect(older.contains("action=closure.put"), "the filter is kept")
            let next = try await client.page(.get, String(older).replacingOccurrences(of: "&amp;", with: "&"), cookie: s.owner)
            #expect(next.html.contains("d5&quot;") && next.html.contains("d1&quot;") && !next.html.contains("d55&quot;"))
            #expect(!next.html.contains("class=\"ops-pager\""), "no page after the last")

            let byManager = try await client.page(.get, "/admin/audit?actor=\(a.smbManager.lower)", cookie: s.owner)
            #expect(byManager.status == .ok && byManager.html.contains("該当する記録はありません"))
            let future = try await client.page(.get, "/admin/audit?from=2099-01-01", cookie: s.owner)
            #expect(future.html.contains("該当する記録はありません"))
            let reversed = try await client.page(.get, "/admin/audit?from=2026-12-10&to=2026-12-01", cookie: s.owner)
            #expect(reversed.status == .unprocessableContent && reversed.html.contains("id=\"to-error\""))
            #expect(try await client.page(.get, "/admin/audit", cookie: s.manager).status == .forbidden)
            #expect(try await client.page(.get, "/admin/audit", cookie: s.csm).status == .forbidden)
        }
    }
}
