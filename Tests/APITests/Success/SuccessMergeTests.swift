import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// Merging two records of one customer takes the duplicate's success with it — the judgements of its measures and
/// their history, its finished program, the check-ups its contacts were sent, its process placement — and the
/// survivor's standing follows: here the duplicate's judgement completes the survivor's light success. What the
/// survivor may hold one of (a running program) stays on the duplicate, counted.
@Suite struct SuccessMergeTests {
    @Test func theDuplicatesSuccessMovesAndCompletesTheSurvivors() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
            let definition = try #require(light["id"] as? String)
            let measures = SuccessDefinitionFixture.measureIDs(light)
            // Each record runs a program (so both have a running enrolment) and each judged one required measure.
            let survivor = try await ProgramFixture.make(client, a, store, customerName: "統合商事")
            let duplicate = try await ProgramFixture.make(client, a, store, customerName: "統合商事（重複）")
            for (customer, measure) in [(survivor.customer, measures[0]), (duplicate.customer, measures[1])] {
                let judged = try await client.call(
                    .put, "/v1/customers/\(customer.lower)/success/\(definition)/measures/\(measure)", token: a.smbManagerToken,
                    json: #"{"state":"met","evidence":"確認済み","assessed_on":"2026-11-02"}"#)
                #expect(judged.status == .ok, "\(judged.body)")
            }
            let p = try await ProcessFixture.published(
                client, a, name: "統合プロセス", steps: ProcessFixture.twoSteps(try await ProcessFixture.position(client, a, "担当CSM")))
            let placed = try await client.call(
                .put, "/v1/customers/\(duplicate.customer.lower)/process", token: a.ownerToken,
                json: #"{"version_id":"\#(p.version)","placed_on":"2026-10-01"}"#)
            #expect(placed.status == .ok, "\(placed.body)")
            let before = try await client.call(.get, "/v1/customers/\(survivor.customer.lower)/success", token: a.ownerToken)
            #expect(SuccessDefinitionFixture.tier(before.body, "light")["reached"] as? Bool == false)

            let merged = try await client.call(
                .post, "/v1/customers/\(survivor.customer.lower)/merge", token: a.smbManagerToken,
                json: body(["duplicate_id": duplicate.customer.lower]))
            #expect(merged.status == .ok, "\(merged.body)")
            let moved = try #require(merged.body["moved"] as? [String: Any])
            // The duplicate's status and its assessment (its one judgement, recorded twice: status and history).
            #expect(moved["success_records"] as? Int == 2, "\(moved)")
            #expect(moved["program_enrolments"] as? Int == 0, "the survivor already runs one: the duplicate's stays")
            #expect(moved["process_placements"] as? Int == 1)
            #expect(moved["surveys"] as? Int == 0)

            // Both required manual measures are met on the survivor now; the optional one is not needed.
            let after = try await client.call(.get, "/v1/customers/\(survivor.customer.lower)/success", token: a.ownerToken)
            let tier = SuccessDefinitionFixture.tier(after.body, "light")
            #expect(tier["reached"] as? Bool == true, "\(tier)")
            let process = try await client.call(.get, "/v1/customers/\(survivor.customer.lower)/process", token: a.ownerToken)
            #expect(process.status == .ok && "\(process.body)".contains(p.version), "\(process.body)")
            // The running program of the duplicate stays with it; the survivor's own is untouched.
            let kept = try await client.call(.get, "/v1/enrolments/\(duplicate.enrolment)", token: a.ownerToken)
            #expect(kept.body["customer_id"] as? String == duplicate.customer.lower, "\(kept.body)")
            let own = try await client.call(.get, "/v1/enrolments/\(survivor.enrolment)", token: a.ownerToken)
            #expect(own.body["customer_id"] as? String == survivor.customer.lower)
        }
    }
}
