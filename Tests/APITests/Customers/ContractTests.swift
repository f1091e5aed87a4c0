import API
import Database
import HTTPTypes
import Domain
import Foundation
import HummingbirdTesting
import Store
import Testing

/// What the revenue part's tests share: a contract through the API.
enum RevenueFixture {
    @discardableResult
    static func contract(
        _ client: any TestClientProtocol, _ token: String, customer: UUID, arr: Int64 = 1_200_000, currency: String = "JPY",
        start: String = "2025-04-01", end: String = "2027-03-31", autoRenews: Bool = false, noticeMonths: Int? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let response = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: token, json: body([
            "name": "年間契約", "arr": ["amount_minor": arr, "currency": currency], "start_date": start, "end_date": end,
            "auto_renews": autoRenews, "notice_months": noticeMonths]))
        #expect(response.status == .created, "\(response.body)", sourceLocation: sourceLocation)
        return try #require(response.body["id"] as? String, sourceLocation: sourceLocation)
    }
}

@Suite("Contracts")
struct ContractTests {
    @Test("a contract answers its notice deadline and MRR; edits need If-Match's version; bad input names its field")
    func lifecycle() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "株式会社テスト", owner: a.csm)
            let created = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: a.ownerToken, json: body([
                "name": "2026年度契約", "external_id": "SF-1", "arr": ["amount_minor": 1_200_000, "currency": "JPY"],
                "start_date": "2026-07-01", "end_date": "2027-06-30", "auto_renews": true, "notice_months": 3]))
            #expect(created.status == .created)
            let id = try #require(created.body["id"] as? String)
            // 2027-06-30 is a month end: three months before is 2027-03-31, not 03-30.
            #expect(created.body["notice_deadline"] as? String == "2027-03-31")
            #expect((created.body["mrr"] as? [String: Any])?["amount_minor"] as? Int == 100_000)
            #expect(created.headers[.eTag] == "\"v1\"")

            let list = try await client.call(.get, "/v1/customers/\(customer)/contracts", token: a.smbManagerToken)
            #expect(list.body.ids == [id])

            let patched = try await client.call(
                .patch, "/v1/contracts/\(id)", token: a.ownerToken, json: body(["notice_days": 30]), headers: [.ifMatch: "\"v1\""])
            #expect(patched.status == .ok)
            #expect(patched.body["notice_deadline"] as? String == "2027-05-31")
            #expect(patched.body["notice_months"] == nil)
            let stale = try await client.call(
                .patch, "/v1/contracts/\(id)", token: a.ownerToken, json: body(["name": "x"]), headers: [.ifMatch: "\"v1\""])
            #expect(stale.status == .preconditionFailed)

            let both = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: a.ownerToken, json: body([
                "arr": ["amount_minor": 1, "currency": "JPY"], "start_date": "2026-01-01", "end_date": "2026-12-31",
                "notice_days": 30, "notice_months": 1]))
            #expect(both.status == .unprocessableContent)
            #expect(try revenueProblemField(both.body) == "notice_days")
            let backwards = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: a.ownerToken, json: body([
                "arr": ["amount_minor": 1, "currency": "JPY"], "start_date": "2026-12-01", "end_date": "2026-01-31"]))
            #expect(try revenueProblemField(backwards.body) == "end_date")
            let currency = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: a.ownerToken, json: body([
                "arr": ["amount_minor": 1, "currency": "yen"], "start_date": "2026-01-01", "end_date": "2026-12-31"]))
            #expect(currency.status == .unprocessableContent)
            #expect(try revenueProblemField(currency.body) == "arr.currency")
            let duplicate = try await client.call(.post, "/v1/customers/\(customer)/contracts", token: a.ownerToken, json: body([
                "external_id": "SF-1", "arr": ["amount_minor": 1, "currency": "JPY"], "start_date": "2026-01-01", "end_date": "2026-12-31"]))
            #expect(duplicate.status == .conflict)
            // Nothing half-written: still one contract.
            #expect(try await client.call(.get, "/v1/customers/\(customer)/contracts", token: a.ownerToken).body.items.count == 1)
        }
    }

    @Test("recording a renewal sets the status and outcome and creates the next contract")
    func renewal() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "更新テスト", owner: a.csm)
            let id = try await RevenueFixture.contract(client, a.ownerToken, customer: customer, start: "2026-01-01", end: "2026-12-31")
            let csm = try await client.call(.post, "/v1/contracts/\(id)/renewal", token: a.csmToken, json: body(["outcome": "renewed"]))
            #expect(csm.status == .forbidden)
            let recorded = try await client.call(.post, "/v1/contracts/\(id)/renewal", token: a.smbManagerToken, json: body([
                "outcome": "expanded",
                "renewed_contract": ["arr": ["amount_minor": 1_800_000, "currency": "JPY"], "start_date": "2027-01-01", "end_date": "2027-12-31"]]))
            #expect(recorded.status == .ok, "\(recorded.body)")
            let contract = try #require(recorded.body["contract"] as? [String: Any])
            #expect(contract["status"] as? String == "renewed")
            #expect(contract["renewal_outcome"] as? String == "expanded")
            #expect((recorded.body["renewed_contract"] as? [String: Any])?["start_date"] as? String == "2027-01-01")
            let again = try await client.call(.post, "/v1/contracts/\(id)/renewal", token: a.smbManagerToken, json: body(["outcome": "churned"]))
            #expect(again.status == .conflict)
            #expect(try await client.call(.get, "/v1/customers/\(customer)/contracts", token: a.ownerToken).body.items.count == 2)
        }
    }

    @Test("the revenue series takes a snapshot for its month and derives the others from contracts")
    func revenueSeries() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "売上テスト", owner: a.csm)
            try await RevenueFixture.contract(client, a.ownerToken, customer: customer, start: "2026-01-01", end: "2026-12-31")
            let put = try await client.call(.put, "/v1/customers/\(customer)/revenue/2026-03", token: a.ownerToken, json: body([
                "amount_minor": 150_000, "currency": "JPY"]))
            #expect(put.status == .ok, "\(put.body)")
            let series = try await client.call(.get, "/v1/customers/\(customer)/revenue?from=2026-02&to=2026-04", token: a.smbManagerToken)
            let months = try #require(series.body["months"] as? [[String: Any]])
            #expect(months.map { $0["source"] as? String } == ["contracts", "snapshot", "contracts"])
            #expect(months.map { ($0["revenue"] as? [[String: Any]])?.first?["amount_minor"] as? Int } == [100_000, 150_000, 100_000])
            let bad = try await client.call(.get, "/v1/customers/\(customer)/revenue?from=2026-13", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent)
            #expect(try revenueProblemField(bad.body) == "from")
            #expect(try await client.call(.delete, "/v1/customers/\(customer)/revenue/2026-03", token: a.csmToken).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/customers/\(customer)/revenue/2026-03", token: a.ownerToken).status == .noContent)
            #expect(try await client.call(.delete, "/v1/customers/\(customer)/revenue/2026-03", token: a.ownerToken).status == .notFound)
        }
    }
}

/// The `field` of a problem's first field error.
func revenueProblemField(_ body: [String: Any]) throws -> String? {
    body["field"] as? String ?? (body["errors"] as? [[String: Any]])?.first?["field"] as? String
}
