import API
import Settings
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

/// `/v1/me/notification-preferences` and `/v1/org/notification-settings`.
@Suite struct NotificationPreferenceAPITests {
    @Test func membersSetTheirOwnPreferences() async throws {
        try await withTenants { client, a, _, _ in
            let initial = try await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken)
            #expect(initial.status == .ok)
            #expect(initial.body["muted_kinds"] as? [String] == [])
            #expect(initial.body["digest"] as? Bool == false)
            #expect(initial.body["digest_at"] as? String == "09:00")
            #expect(initial.body["email"] as? Bool == true)
            #expect(initial.body["time_zone"] as? String == "Asia/Tokyo")
            #expect(initial.body["weekly_nudge_cap"] as? Int == 20)
            #expect((initial.body["mutable_kinds"] as? [String])?.contains("check_in.overdue") == false)
            #expect((initial.body["mutable_kinds"] as? [String])?.contains("check_in.due_soon") == true)

            let changed = try await client.call(
                .patch, "/v1/me/notification-preferences", token: a.csmToken,
                json: body(["muted_kinds": ["check_in.due_soon", "accountability.assigned"], "quiet_hours": ["start": "22:00", "end": "07:00"],
                            "digest": true, "digest_at": "17:30"]))
            #expect(changed.status == .ok)
            #expect(changed.body["muted_kinds"] as? [String] == ["accountability.assigned", "check_in.due_soon"])
            #expect((changed.body["quiet_hours"] as? [String: Any])?["start"] as? String == "22:00")
            #expect(changed.body["digest_at"] as? String == "17:30")
            // Absent fields stay; null clears quiet hours.
            let cleared = try await client.call(.patch, "/v1/me/notification-preferences", token: a.csmToken, json: #"{"quiet_hours": null}"#)
            #expect(cleared.body["quiet_hours"] == nil || cleared.body["quiet_hours"] is NSNull)
            #expect(cleared.body["digest"] as? Bool == true)
            let again = try await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken)
            #expect(again.body["muted_kinds"] as? [String] == ["accountability.assigned", "check_in.due_soon"])
            // Someone else's are untouched.
            try await check(await client.call(.get, "/v1/me/notification-preferences", token: a.smbManagerToken).body["digest"] as? Bool == false)
        }
    }

    @Test func badPreferencesAreRefusedWithTheirField() async throws {
        try await withTenants { client, a, _, _ in
            for (json, field, code) in [
                (#"{"muted_kinds": ["check_in.overdue"]}"#, "muted_kinds", "not_mutable"),
                (#"{"muted_kinds": ["no.such.kind"]}"#, "muted_kinds", "invalid_field"),
                (#"{"quiet_hours": {"start": "08:00", "end": "08:00"}}"#, "quiet_hours.end", "invalid_field"),
                (#"{"quiet_hours": {"start": "25:00", "end": "08:00"}}"#, "quiet_hours.start", "invalid_field"),
                (#"{"digest_at": "9am"}"#, "digest_at", "invalid_field"),
            ] {
                let response = try await client.call(.patch, "/v1/me/notification-preferences", token: a.csmToken, json: json)
                #expect(response.status == .unprocessableContent, "\(json)")
                #expect(response.body["code"] as? String == code, "\(json)")
                #expect(response.body["field"] as? String == field, "\(json)")
            }
            // Nothing was half-written.
            try await check(await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken).body["muted_kinds"] as? [String] == [])
        }
    }

    @Test func adminsSetTheOrgsWeeklyCapAndTenantsNeverSeeEachOther() async throws {
        try await withTenants { client, a, b, _ in
            try await check(await client.call(.patch, "/v1/org/notification-settings", token: a.csmToken, json: #"{"weekly_nudge_cap": 5}"#).status
                            == .forbidden)
            let set = try await client.call(.patch, "/v1/org/notification-settings", token: a.ownerToken, json: #"{"weekly_nudge_cap": 5}"#)
            #expect(set.status == .ok)
            #expect(set.body["weekly_nudge_cap"] as? Int == 5)
            try await check(await client.call(.get, "/v1/org/notification-settings", token: a.csmToken).body["weekly_nudge_cap"] as? Int == 5)
            try await check(await client.call(.get, "/v1/org/notification-settings", token: b.csmToken).body["weekly_nudge_cap"] as? Int == 20,
                            "the other org keeps its own cap")
            let bad = try await client.call(.patch, "/v1/org/notification-settings", token: a.ownerToken, json: #"{"weekly_nudge_cap": 0}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body["field"] as? String == "weekly_nudge_cap")
            let lifted = try await client.call(.patch, "/v1/org/notification-settings", token: a.ownerToken, json: #"{"weekly_nudge_cap": null}"#)
            #expect(lifted.body["weekly_nudge_cap"] == nil || lifted.body["weekly_nudge_cap"] is NSNull)
            #expect(lifted.status == .ok)
            // Preferences are per member of one org: org B's member changing theirs leaves org A's alone.
            try await check(await client.call(.patch, "/v1/me/notification-preferences", token: b.csmToken, json: #"{"digest": true}"#).status == .ok)
            try await check(await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken).body["digest"] as? Bool == false)
        }
    }
}

/// For the isolation test: what one org sets about notifications is invisible to, and unchanged by, the other.
func checkNotificationPreferenceIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg) async throws -> Set<String> {
    try await check(await client.call(.patch, "/v1/org/notification-settings", token: a.ownerToken, json: #"{"weekly_nudge_cap": 7}"#).status == .ok)
    try await check(await client.call(.patch, "/v1/me/notification-preferences", token: a.ownerToken, json: #"{"digest": true, "digest_at": "06:15"}"#)
                        .status == .ok)
    try await check(await client.call(.patch, "/v1/org/notification-settings", token: b.ownerToken, json: #"{"weekly_nudge_cap": 9}"#).status == .ok)
    try await check(await client.call(.patch, "/v1/me/notification-preferences", token: b.ownerToken, json: #"{"email": false}"#).status == .ok)
    let bSettings = try await client.call(.get, "/v1/org/notification-settings", token: b.ownerToken)
    #expect(bSettings.body["weekly_nudge_cap"] as? Int == 9)
    let bPrefs = try await client.call(.get, "/v1/me/notification-preferences", token: b.ownerToken)
    #expect(bPrefs.body["digest_at"] as? String == "09:00" && bPrefs.body["digest"] as? Bool == false)
    let aPrefs = try await client.call(.get, "/v1/me/notification-preferences", token: a.ownerToken)
    #expect(aPrefs.body["email"] as? Bool == true && aPrefs.body["digest_at"] as? String == "06:15")
    #expect(aPrefs.body["weekly_nudge_cap"] as? Int == 7)
    return ["GET /v1/org/notification-settings", "PATCH /v1/org/notification-settings",
            "GET /v1/me/notification-preferences", "PATCH /v1/me/notification-preferences"]
}
