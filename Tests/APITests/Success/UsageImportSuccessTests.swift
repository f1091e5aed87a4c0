import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// A measure bound to a usage metric is judged on the figures as they arrive: importing a usage CSV that takes the
/// customer's seats past the threshold reaches deep success (recorded from the metric, on the timeline), and a dry
/// run of the same file changes nothing.
@Suite struct UsageImportSuccessTests {
    @Test func aUsageImportPastTheThresholdReachesTheTier() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            _ = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.deepJSON)
            let customer = try await a.addCustomer(store, name: "席数工業", owner: a.csm, externalID: "S-1")
            try await SuccessDefinitionFixture.addContract(store, a, customer: customer, start: "2026-04-01")
            try await SuccessDefinitionFixture.addUsage(store, a, customer: customer, metric: "seats", day: "2026-10-01", value: 20)
            func deep() async throws -> [String: Any] {
                SuccessDefinitionFixture.tier(try await client.call(.get, "/v1/customers/\(customer.lower)/success", token: a.ownerToken).body, "deep")
            }
            #expect(try await deep()["reached"] as? Bool == false)

            let csv = "customer_external_id,metric,day,value\nS-1,seats,2026-11-20,64\n"
            let dry = try #require(try await client.upload("kind=usage&dry_run=true", token: a.ownerToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
            try await ImportJobs.run(services)
            #expect(try await client.call(.get, "/v1/imports/\(dry)", token: a.ownerToken).body["state"] as? String == "succeeded")
            #expect(try await deep()["reached"] as? Bool == false, "a dry run writes nothing")

            let real = try #require(try await client.upload("kind=usage", token: a.ownerToken, bytes: ImportJobs.utf8(csv)).body["id"] as? String)
            try await ImportJobs.run(services)
            #expect(try await client.call(.get, "/v1/imports/\(real)", token: a.ownerToken).body["inserted"] as? Int == 1)
            let reached = try await deep()
            #expect(reached["reached"] as? Bool == true, "\(reached)")
            let timeline = try await client.call(.get, "/v1/customers/\(customer.lower)/timeline", token: a.ownerToken)
            #expect("\(timeline.body)".contains("deep"), "the tier's change is on the timeline: \(timeline.body)")
        }
    }
}
