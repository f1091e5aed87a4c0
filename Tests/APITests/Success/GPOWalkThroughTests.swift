import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing
import Web

/// The README's GPO walk-through, end to end through the router: define light and deep success, enrol a customer,
/// agree the goal sheet (the CSM signed in, the client's two through their own links), log pair support, hold the
/// presentation, record the result — and the customer has reached light success, on the timeline with its tier.
@Suite struct GPOWalkThroughTests {
    @Test func fromDefinitionToLightSuccess() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            // 1. What light and deep success mean.
            let light = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.lightJSON)
            _ = try await SuccessDefinitionFixture.create(client, token: a.ownerToken, SuccessDefinitionFixture.deepJSON)
            let required = Array(SuccessDefinitionFixture.measureIDs(light).prefix(2))

            // 2. The customer enrolled (a program from 20 October, the client's owner and decision maker taking part).
            let p = try await ProgramFixture.make(client, a, services.store)
            let before = try await client.call(.get, "/v1/customers/\(p.customer.lower)/success", token: a.csmToken)
            #expect(SuccessDefinitionFixture.tier(before.body, "light")["reached"] as? Bool == false)

            // 3. The goal sheet, agreed by all three.
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON()).status == .ok)
            #expect(try await client.call(.post, "/v1/enrolments/\(p.enrolment)/goal-sheet/agree", token: a.csmToken, json: #"{"version":1}"#).status == .ok)
            for party in ["client_owner", "decision_maker"] {
                let link = try await GoalSheetLinkTests.link(client, a, p.enrolment, party)
                #expect(try await GoalSheetLinkTests.post(client, link).status == .ok)
            }
            let sheet = try await client.call(.get, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken)
            #expect(sheet.body["pending_parties"] as? [String] == [], "\(sheet.body)")

            // 4. Pair support, within the month's budget.
            let session = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "pair_support", "held_on": "2026-11-05", "duration_minutes": 45, "supported_contact_id": p.owner,
                "practised": "予算ビューでの月次締め"]))
            #expect(session.status == .created, "\(session.body)")

            // 5. The presentation and the result, standing for the light definition's two required measures.
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/presentation", token: a.csmToken,
                                          json: #"{"held_on":"2026-11-20","audience_size":12,"outcome":"全社展開が決定"}"#).status == .ok)
            let result = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/result", token: a.csmToken, json: body([
                "goal_reached": true, "evidence": "決算が5営業日に短縮", "decided_on": "2026-11-21", "measure_ids": required]))
            #expect(result.status == .ok && result.body["state"] as? String == "completed", "\(result.body)")

            // 6. Light success reached on the result's day, from the program; deep not; the timeline says so.
            let after = try await client.call(.get, "/v1/customers/\(p.customer.lower)/success", token: a.csmToken)
            let tier = SuccessDefinitionFixture.tier(after.body, "light")
            #expect(tier["reached"] as? Bool == true && tier["reached_on"] as? String == "2026-11-21", "\(after.body)")
            let measures = SuccessDefinitionFixture.measures(tier).filter { required.contains($0["measure"].flatMap { ($0 as? [String: Any])?["id"] as? String } ?? "") }
            #expect(measures.count == 2 && measures.allSatisfy { $0["source"] as? String == "program" && $0["state"] as? String == "met" })
            #expect(SuccessDefinitionFixture.tier(after.body, "deep")["reached"] as? Bool == false)
            let timeline = try await client.call(.get, "/v1/customers/\(p.customer.lower)/timeline?tag=light", token: a.csmToken)
            #expect(timeline.body.items.contains { $0["title"] as? String == "ライトサクセスに到達しました" && $0["kind"] as? String == "event" },
                    "\(timeline.body)")
            let notes = try await client.call(.get, "/v1/customers/\(p.customer.lower)/timeline?kind=note", token: a.csmToken)
            #expect(notes.body.items.isEmpty, "what Banso records is not among the notes people write: \(notes.body)")
            let customer = try await client.call(.get, "/v1/customers/\(p.customer.lower)", token: a.csmToken)
            #expect(customer.body["phase"] as? String == "outcome")
        }
    }
}
