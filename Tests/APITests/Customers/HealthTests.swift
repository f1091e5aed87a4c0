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

/// "Why C?": every signal's raw value, normalised value, weight, share and contribution; no-data signals count
/// their declared score; history; what changed since last month.
@Suite struct HealthTests {
    static func signal(_ body: [String: Any], _ kind: String) -> [String: Any]? {
        (body["signals"] as? [[String: Any]])?.first { $0["kind"] as? String == kind }
    }

    @Test func whyCShowsEverySignalAndWhatChangedSinceLastMonth() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let customer = try await a.addCustomer(store, name: "株式会社ミドリ", kana: "ミドリ", owner: a.csm)
            try await a.addNPS(store, customer: customer, score: 3, on: "2026-10-01")
            try await a.addNPS(store, customer: customer, score: 5, on: "2026-09-01")
            try await a.addTicket(store, customer: customer, title: "ログインできない")
            try await a.addTicket(store, customer: customer, title: "軽微な質問", priority: "normal")
            try await a.addTouch(store, customer: customer, at: TestClock.instant("2026-10-25T12:00:00+09:00"))
            try await a.addScore(store, customer: customer, grade: .b, total: 70, month: "2026-10", at: TestClock.instant("2026-10-31T12:00:00+09:00"))
            // A note is written about the customer, not with them: the last touch stays the call of 25 October.
            let note = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: a.csmToken, json: body([
                "kind": "note", "title": "社内メモ: 次回は役員同席", "occurred_at": "2026-11-20T01:00:00Z"]))
            #expect(note.status == .created, "\(note.body)")

            let scored = try await client.call(.post, "/v1/customers/\(customer.lower)/health/score", token: a.csmToken)
            #expect(scored.status == .ok, "\(scored.body)")
            let health = try await client.call(.get, "/v1/customers/\(customer.lower)/health", token: a.csmToken)
            #expect(health.status == .ok)
            let b = health.body
            #expect(b["grade"] as? String == "C")
            #expect(b["scored"] as? Bool == true)
            #expect(b["model_version"] as? Int == 1)
            #expect(b["month"] as? String == "2026-11")
            #expect((b["signals"] as? [Any])?.count == 3)
            let nps = try #require(Self.signal(b, "nps"))
            #expect(nps["raw"] as? Double == -100)
            #expect(nps["normalised"] as? Double == 0)
            #expect(nps["contribution"] as? Double == 0)
            #expect(nps["share"] as? Double == 0.4)
            #expect(nps["no_data"] as? Bool == false)
            let tickets = try #require(Self.signal(b, "open_high_priority_tickets"))
            #expect(tickets["raw"] as? Double == 1, "only the high one counts")
            #expect(tickets["normalised"] as? Double == 60)
            #expect(abs((tickets["contribution"] as? Double ?? 0) - 18) < 1e-9)
            let touch = try #require(Self.signal(b, "days_since_last_touch"))
            #expect(touch["raw"] as? Double == 30)
            let total = try #require(b["total"] as? Double)
            #expect(abs(total - (18 + 0.3 * 60.0 / 76.0 * 100)) < 1e-6)
            let thresholds = try #require(b["thresholds"] as? [String: Any])
            #expect(thresholds["a"] as? Double == 80 && thresholds["c"] as? Double == 40)

            let change = try #require(b["change"] as? [String: Any])
            #expect(change["previous_grade"] as? String == "B")
            #expect(change["current_grade"] as? String == "C")
            #expect(change["grade_dropped"] as? Bool == true)
            #expect(change["since_month"] as? String == "2026-10")
            let moves = try #require(change["signals"] as? [[String: Any]])
            #expect(moves.first?["kind"] as? String == "nps", "largest move first")
            #expect(abs((moves.first?["delta"] as? Double ?? 0) + 28) < 1e-9)

            let history = try await client.call(.get, "/v1/customers/\(customer.lower)/health/history?months=3", token: a.csmToken)
            #expect(history.status == .ok)
            #expect(history.body.items.map { $0["month"] as? String } == ["2026-10", "2026-11"])
            #expect(history.body.items.map { $0["grade"] as? String } == ["B", "C"])
            #expect(history.body.items.last?["model_version"] as? Int == 1)
            let bad = try await client.call(.get, "/v1/customers/\(customer.lower)/health/history?months=0", token: a.csmToken)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body["field"] as? String == "months" || (bad.body["fields"] as? [[String: Any]])?.first?["field"] as? String == "months")
        }
    }

    @Test func aSignalWithoutDataCountsItsDeclaredScore() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "サイレント商事", owner: a.csm)
            let never = try await client.call(.get, "/v1/customers/\(customer.lower)/health", token: a.ownerToken)
            #expect(never.status == .ok)
            #expect(never.body["scored"] as? Bool == false)
            let scored = try await client.call(.post, "/v1/customers/\(customer.lower)/health/score", token: a.ownerToken)
            #expect(scored.status == .ok)
            let nps = try #require(Self.signal(scored.body, "nps"))
            #expect(nps["no_data"] as? Bool == true)
            #expect(nps["raw"] == nil)
            #expect(nps["normalised"] as? Double == 40)
            let touch = try #require(Self.signal(scored.body, "days_since_last_touch"))
            #expect(touch["no_data"] as? Bool == true && touch["normalised"] as? Double == 20)
            let tickets = try #require(Self.signal(scored.body, "open_high_priority_tickets"))
            #expect(tickets["raw"] as? Double == 0 && tickets["normalised"] as? Double == 100, "no ticket is a value, not silence")
            #expect(abs((scored.body["total"] as? Double ?? 0) - 52) < 1e-9)
            #expect(scored.body["grade"] as? String == "C")
            #expect(scored.body["change"] == nil)
        }
    }
}
