import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// A held program session is a touch with the customer: it stands on the customer's timeline as the program CSM's
/// (pair support as pair support, other sessions as a meeting) on the day it was held, moves the customer's last
/// touch, and follows the session through edits, un-holding and deletion. A presentation session leaves the
/// timeline to the enrolment's presentation.
@Suite("Program sessions on the timeline")
struct ProgramSessionTimelineTests {
    @Test func aHeldSessionIsATouchThatFollowsTheSession() async throws {
        try await withTenants { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            func entries() async throws -> [[String: Any]] {
                try await client.call(.get, "/v1/customers/\(p.customer.lower)/timeline", token: a.csmToken).body.items
                    .filter { $0["subject_type"] as? String == "program_session" }
            }
            func lastTouch() async throws -> String? {
                try await client.call(.get, "/v1/customers/\(p.customer.lower)", token: a.csmToken).body["last_touch_at"] as? String
            }
            #expect(try await lastTouch() == nil)

            // Logged by the org's owner, the touch is still the program CSM's.
            let made = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.ownerToken, json: body([
                "kind": "pair_support", "held_on": "2026-11-10", "duration_minutes": 60, "supported_contact_id": p.owner,
                "practised": "予算ビューでの月次締め", "notes": "次回は部長も同席"]))
            #expect(made.status == .created, "\(made.body)")
            let session = try #require(made.body["id"] as? String)
            var shown = try await entries()
            #expect(shown.count == 1)
            let entry = try #require(shown.first)
            #expect(entry["kind"] as? String == "pair_support")
            #expect(entry["author_id"] as? String == a.csm.lower)
            #expect(entry["subject_id"] as? String == session)
            #expect((entry["occurred_at"] as? String)?.hasPrefix("2026-11-10T00:00:00") == true, "09:00 in Tokyo: \(entry)")
            #expect((entry["title"] as? String)?.contains("ペアサポート（60 分）") == true)
            #expect((entry["body"] as? String)?.contains("予算ビューでの月次締め") == true && (entry["body"] as? String)?.contains("部長") == true)
            #expect(try await lastTouch()?.hasPrefix("2026-11-10T00:00:00") == true)

            // Moved to another day: the same entry moves, and so does the last touch.
            let moved = try await client.call(.patch, "/v1/program-sessions/\(session)", token: a.csmToken, json: body(["held_on": "2026-11-12"]))
            #expect(moved.status == .ok, "\(moved.body)")
            shown = try await entries()
            #expect(shown.count == 1 && (shown.first?["occurred_at"] as? String)?.hasPrefix("2026-11-12T00:00:00") == true, "\(shown)")
            #expect(try await lastTouch()?.hasPrefix("2026-11-12T00:00:00") == true)

            // No longer held (planned again): the touch goes; a goal-setting session held earlier is the last touch.
            let goalSetting = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "goal_setting", "held_on": "2026-10-21", "duration_minutes": 90]))
            #expect(goalSetting.status == .created, "\(goalSetting.body)")
            let unheld = try await client.call(.patch, "/v1/program-sessions/\(session)", token: a.csmToken, json: body([
                "held_on": nil, "duration_minutes": nil, "planned_on": "2026-12-01"]))
            #expect(unheld.status == .ok, "\(unheld.body)")
            shown = try await entries()
            #expect(shown.map { $0["kind"] as? String } == ["meeting"], "\(shown)")
            #expect(try await lastTouch()?.hasPrefix("2026-10-21T00:00:00") == true)

            // A presentation session is on the timeline through the enrolment's presentation, not twice.
            let presentation = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "presentation", "held_on": "2026-11-20", "duration_minutes": 60]))
            #expect(presentation.status == .created, "\(presentation.body)")
            #expect(try await entries().count == 1)

            // Deleted, its entry goes with it; a session turned into the presentation leaves the timeline too.
            let goalSettingID = try #require(goalSetting.body["id"] as? String)
            #expect(try await client.call(.delete, "/v1/program-sessions/\(goalSettingID)", token: a.csmToken).status == .noContent)
            #expect(try await entries().isEmpty)
            let other = try await client.call(.post, "/v1/enrolments/\(p.enrolment)/sessions", token: a.csmToken, json: body([
                "kind": "other", "held_on": "2026-11-05", "duration_minutes": 30]))
            #expect(try await entries().count == 1)
            let otherID = try #require(other.body["id"] as? String)
            #expect(try await client.call(.patch, "/v1/program-sessions/\(otherID)", token: a.csmToken, json: body(["kind": "presentation"])).status == .ok)
            #expect(try await entries().isEmpty)

            // The presentation itself: one entry on the day held, the program CSM's, following a corrected day.
            func presentations() async throws -> [[String: Any]] {
                try await client.call(.get, "/v1/customers/\(p.customer.lower)/timeline", token: a.csmToken).body.items
                    .filter { $0["kind"] as? String == "presentation" }
            }
            for day in ["2026-11-19", "2026-11-20"] {
                let presented = try await client.call(.put, "/v1/enrolments/\(p.enrolment)/presentation", token: a.ownerToken, json: body([
                    "held_on": day, "audience_size": 12, "outcome": "役員会で全社展開が承認された"]))
                #expect(presented.status == .ok, "\(presented.body)")
            }
            let shownPresentations = try await presentations()
            #expect(shownPresentations.count == 1, "\(shownPresentations)")
            #expect((shownPresentations.first?["occurred_at"] as? String)?.hasPrefix("2026-11-20T00:00:00") == true)
            #expect(shownPresentations.first?["author_id"] as? String == a.csm.lower)
            #expect((shownPresentations.first?["body"] as? String)?.contains("全社展開") == true)
            #expect(try await lastTouch()?.hasPrefix("2026-11-20T00:00:00") == true)
        }
    }
}
