import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

/// `/v1/schedules` with the cadences meetings use: a fortnightly rule and an Nth weekday moved off holidays are
/// stored, answered and planned; contradictions and bad values are refused with their field.
@Suite struct ScheduleMeetingCadenceTests {
    @Test func fortnightlyAndShiftedRulesThroughTheAPI() async throws {
        try await withTenants { client, a, _, _ in
            let fortnightly: [String: Any] = ["type": "fortnightly", "weekdays": [4], "anchor": "2026-12-03", "at": "10:00"]
            let created = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                "name": "隔週の定例", "kind": "webhook.broadcast", "recurrence": fortnightly]))
            #expect(created.status == .created, "\(created.body)")
            let recurrence = try #require(created.body["recurrence"] as? [String: Any])
            #expect(recurrence["type"] as? String == "fortnightly" && recurrence["anchor"] as? String == "2026-12-03")
            #expect(recurrence["shift"] == nil && recurrence["holidays"] == nil)
            // Thursdays 10:00 Tokyo (01:00Z), two weeks apart, in the anchor's weeks (an even number of weeks from it).
            let upcoming = try #require(created.body["upcoming"] as? [String]).compactMap { ISO8601DateFormatter().date(from: $0) }
            #expect(upcoming.count == 5)
            #expect(zip(upcoming, upcoming.dropFirst()).allSatisfy { $1.timeIntervalSince($0) == 14 * 86_400 })
            let anchor = try #require(ISO8601DateFormatter().date(from: "2026-12-03T01:00:00Z"))
            #expect(upcoming.allSatisfy { Int($0.timeIntervalSince(anchor)) % (14 * 86_400) == 0 }, "\(upcoming)")

            let secondTuesday: [String: Any] = ["type": "nth_weekday", "n": 2, "weekday": 2, "at": "10:00", "shift": "previous"]
            let moved = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                "name": "月次の経営会議", "kind": "webhook.broadcast", "recurrence": secondTuesday]))
            #expect(moved.status == .created, "\(moved.body)")
            #expect((moved.body["recurrence"] as? [String: Any])?["shift"] as? String == "previous")

            for (rule, field) in [
                (["type": "weekly", "weekdays": [1], "at": "10:00", "shift": "next", "holidays": "skip"] as [String: Any], "recurrence.holidays"),
                (["type": "fortnightly", "weekdays": [], "anchor": "2026-12-03", "at": "10:00"], "recurrence.weekdays"),
                (["type": "fortnightly", "weekdays": [4], "at": "10:00"], "recurrence.anchor"),
                (["type": "nth_weekday", "n": 6, "weekday": 2, "at": "10:00", "shift": "previous"], "recurrence.n"),
            ] {
                let refused = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                    "name": "x", "kind": "webhook.broadcast", "recurrence": rule]))
                #expect(refused.status == .unprocessableContent, "\(rule): \(refused.status)")
                #expect(refused.body["field"] as? String == field, "\(rule): \(refused.body)")
            }
        }
    }
}
