import API
import Domain
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Versioned health models: a change is a new version, old scores keep theirs, bad input is 422 naming the field.
@Suite struct HealthModelTests {
    static func model(weights: [Double] = [50, 25, 25], kinds: [String] = ["nps", "open_high_priority_tickets", "usage:active_users"],
                      thresholds: [String: Any] = ["a": 75, "b": 55, "c": 35]) -> [String: Any] {
        ["signals": zip(kinds, weights).map { kind, weight -> [String: Any] in
            ["kind": kind, "weight": weight, "no_data_score": 50,
             "normalisation": kind == "open_high_priority_tickets"
                ? ["steps": ["below": 100, "steps": [["from": 1, "score": 50], ["from": 3, "score": 0]]]]
                : ["linear": ["worst": 0, "best": 100]]]
        }, "thresholds": thresholds, "note": "利用状況を追加"]
    }

    @Test func aChangeIsANewVersionAndOldScoresKeepTheirs() async throws {
        try await withTenants { client, a, _, services in
            let first = try await client.call(.get, "/v1/health/model", token: a.csmToken)
            #expect(first.status == .ok)
            #expect(first.body["version"] as? Int == 1)
            #expect((first.body["signals"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["nps", "open_high_priority_tickets", "days_since_last_touch"])
            #expect((first.body["thresholds"] as? [String: Any])?["b"] as? Double == 60)

            let customer = try await a.addCustomer(services.store, name: "旧モデル社", owner: a.csm)
            try await check(try await client.call(.post, "/v1/customers/\(customer.lower)/health/score", token: a.ownerToken).body["model_version"] as? Int == 1)

            let created = try await client.call(.post, "/v1/health/models", token: a.ownerToken, json: body(Self.model()))
            #expect(created.status == .created, "\(created.body)")
            #expect(created.body["version"] as? Int == 2)
            #expect(created.body["note"] as? String == "利用状況を追加")
            #expect((created.body["signals"] as? [[String: Any]])?.last?["kind"] as? String == "usage:active_users")
            try await check(await client.call(.get, "/v1/health/model", token: a.csmToken).body["version"] as? Int == 2)
            try await check(await client.call(.get, "/v1/health/models", token: a.csmToken).body.items.map { $0["version"] as? Int } == [2, 1])
            try await check(await client.call(.get, "/v1/health/models/1", token: a.csmToken).body["version"] as? Int == 1)
            try await check(await client.call(.get, "/v1/health/models/9", token: a.csmToken).status == .notFound)

            // The old score still explains itself with version 1; a new score uses version 2.
            let old = try await client.call(.get, "/v1/customers/\(customer.lower)/health", token: a.csmToken)
            #expect(old.body["model_version"] as? Int == 1)
            #expect((old.body["thresholds"] as? [String: Any])?["a"] as? Double == 80)
            let rescored = try await client.call(.post, "/v1/customers/\(customer.lower)/health/score", token: a.ownerToken)
            #expect(rescored.body["model_version"] as? Int == 2)
            #expect((rescored.body["signals"] as? [[String: Any]])?.last?["no_data"] as? Bool == true)
        }
    }

    @Test func invalidModelsAreRefusedWithTheirField() async throws {
        try await withTenants { client, a, _, _ in
            for (input, field) in [
                (Self.model(weights: [50, -1, 25]), "signals[1].weight"),
                (Self.model(kinds: ["nps", "open_high_priority_tickets", "usage:Bad Name"]), "signals[2].kind"),
                (Self.model(kinds: ["nps", "open_high_priority_tickets", "nps"]), "signals[2].kind"),
                (Self.model(weights: [0, 0, 0]), "signals"),
                (Self.model(thresholds: ["a": 80, "b": 80, "c": 40]), "thresholds.a"),
                (Self.model(thresholds: ["a": 80, "b": 40, "c": 40]), "thresholds.b"),
                (Self.model(thresholds: ["a": 180, "b": 60, "c": 40]), "thresholds.a"),
            ] as [([String: Any], String)] {
                let response = try await client.call(.post, "/v1/health/models", token: a.ownerToken, json: body(input))
                #expect(response.status == .unprocessableContent, "\(field): \(response.status) \(response.body)")
                #expect(response.body["field"] as? String == field, "\(response.body)")
            }
            var bad = Self.model()
            var signals = bad["signals"] as! [[String: Any]]
            signals[0]["no_data_score"] = 101
            bad["signals"] = signals
            let noData = try await client.call(.post, "/v1/health/models", token: a.ownerToken, json: body(bad))
            #expect(noData.body["field"] as? String == "signals[0].no_data_score")
            signals[0]["no_data_score"] = 50
            signals[0]["normalisation"] = ["linear": ["worst": 1, "best": 1]]
            bad["signals"] = signals
            let flat = try await client.call(.post, "/v1/health/models", token: a.ownerToken, json: body(bad))
            #expect(flat.body["field"] as? String == "signals[0].normalisation")
            // Nothing was half-written.
            try await check(await client.call(.get, "/v1/health/models", token: a.ownerToken).body.items.count == 1)
        }
    }
}
