import API
import Crypto
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing
import UseCases

/// Managing one's calendar feeds: the URL is shown once, issuing again or rotating kills the old URL, revoking and
/// deactivation kill it, nobody sees or touches another member's feed, and a read-only token changes nothing.
@Suite struct CalendarFeedManagementTests {
    @Test func issuingAgainAndRotatingKillTheOldURL() async throws {
        try await withTenants { client, a, _, _ in
            let first = try await client.issuedFeedPath(token: a.csmToken, body: nil)
            #expect(try await client.fetchFeed(first).status == .ok)
            let second = try await client.issueFeed(token: a.csmToken, body: nil)
            let secondPath = try feedPath(second.body)
            #expect(secondPath != first)
            #expect(try await client.fetchFeed(first).status == .notFound, "issuing again rotates: the old URL dies")
            #expect(try await client.fetchFeed(secondPath).status == .ok)

            // The list shows the one live feed, never its URL.
            let listed = try await client.call(.get, "/v1/me/calendar-feeds", token: a.csmToken)
            #expect(listed.status == .ok && listed.body.items.count == 1)
            let item = try #require(listed.body.items.first)
            #expect(item["url"] == nil && item["body_id"] is NSNull && item["body_name"] is NSNull && item["created_at"] is String)
            #expect(!"\(listed.body)".contains("bso_"))
            let id = try #require(item["id"] as? String)
            #expect(id == second.body["id"] as? String)

            let rotated = try await client.call(.post, "/v1/me/calendar-feeds/\(id)/rotate", token: a.csmToken)
            #expect(rotated.status == .created && rotated.body["id"] as? String != id)
            let rotatedPath = try feedPath(rotated.body)
            #expect(try await client.fetchFeed(secondPath).status == .notFound)
            #expect(try await client.fetchFeed(rotatedPath).status == .ok)
            #expect(try await client.call(.post, "/v1/me/calendar-feeds/\(id)/rotate", token: a.csmToken).status == .notFound,
                    "the rotated-away feed is gone")

            let newID = try #require(rotated.body["id"] as? String)
            #expect(try await client.call(.delete, "/v1/me/calendar-feeds/\(newID)", token: a.csmToken).status == .noContent)
            #expect(try await client.fetchFeed(rotatedPath).status == .notFound)
            #expect(try await client.call(.get, "/v1/me/calendar-feeds", token: a.csmToken).body.items.isEmpty)
            #expect(try await client.call(.delete, "/v1/me/calendar-feeds/\(newID)", token: a.csmToken).status == .notFound)

            // An Idempotency-Key replay answers the feed without its URL, which is never stored.
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "feed-1"]
            let made = try await client.call(.post, "/v1/me/calendar-feeds", token: a.csmToken, json: "{}", headers: key)
            let replay = try await client.call(.post, "/v1/me/calendar-feeds", token: a.csmToken, json: "{}", headers: key)
            #expect(made.status == .created && made.body["url"] is String)
            #expect(replay.status == .created && replay.body["url"] == nil && replay.body["id"] as? String == made.body["id"] as? String)
            #expect(try await client.fetchFeed(try feedPath(made.body)).status == .ok, "the replay issued nothing new")
        }
    }

    @Test func deactivationKillsEveryFeedOfTheMemberForGood() async throws {
        try await withTenants { client, a, _, services in
            let fixture = try await CalendarFeedFixture.make(services.store, a, facilitator: a.smbManager)
            let own = try await client.issuedFeedPath(token: a.smbManagerToken, body: nil)
            let body = try await client.issuedFeedPath(token: a.smbManagerToken, body: fixture.body.id)
            func statuses() async throws -> [HTTPResponse.Status] {
                [try await client.fetchFeed(own).status, try await client.fetchFeed(body).status]
            }
            #expect(try await statuses() == [.ok, .ok])
            let member = "/v1/members/\(a.smbManager.lower)"
            #expect(try await client.call(.patch, member, token: a.ownerToken, json: #"{"active":false}"#).status == .ok)
            #expect(try await statuses() == [.notFound, .notFound])
            // Coming back does not revive the old URLs: they were revoked, not only refused.
            #expect(try await client.call(.patch, member, token: a.ownerToken, json: #"{"active":true}"#).status == .ok)
            #expect(try await statuses() == [.notFound, .notFound])
            let live = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT count(*)::int FROM calendar_feed WHERE member_id = \(a.smbManager) AND revoked_at IS NULL")
                    .decodeColumn(Int.self)
            }
            #expect(live == [0])
        }
    }

    @Test func onlyTheHashOfTheTokenIsStored() async throws {
        try await withTenants { client, a, _, services in
            let path = try await client.issuedFeedPath(token: a.csmToken, body: nil)
            let token = String(path.dropFirst("/v1/calendar/".count).dropLast(".ics".count))
            let stored = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT token_hash FROM calendar_feed WHERE member_id = \(a.csm)").decodeColumn([UInt8].self)
            }
            #expect(stored == [Array(SHA256.hash(data: Data(token.utf8)))])
            let audit = try await services.store.tenant(a.orgID) { tx in
                try await tx.query("SELECT coalesce(after::text, '') FROM audit_event WHERE resource_type = 'calendar_feed'")
                    .decodeColumn(String.self)
            }
            #expect(audit.count == 1 && !audit[0].contains(token) && !audit[0].contains("bso_"))
            // Without the suffix the same token still works; with any other it is not ours.
            #expect(try await client.fetchFeed("/v1/calendar/\(token)").status == .ok)
            #expect(try await client.fetchFeed("/v1/calendar/\(token).ics.ics").status == .notFound)
        }
    }

    @Test func aReadTokenListsButChangesNothing() async throws {
        try await withTenants { client, a, _, _ in
            let path = try await client.issuedFeedPath(token: a.ownerToken, body: nil)
            let listed = try await client.call(.get, "/v1/me/calendar-feeds", token: a.readOnlyOwnerToken)
            #expect(listed.status == .ok && listed.body.items.count == 1)
            let id = try #require(listed.body.items.first?["id"] as? String)
            for (method, uri) in [
                (HTTPRequest.Method.post, "/v1/me/calendar-feeds"), (.post, "/v1/me/calendar-feeds/\(id)/rotate"),
                (.delete, "/v1/me/calendar-feeds/\(id)"),
            ] {
                let refused = try await client.call(method, uri, token: a.readOnlyOwnerToken, json: "{}")
                #expect(refused.status == .forbidden && refused.body["missing_permission"] as? String == "write", "\(method) \(uri)")
            }
            #expect(try await client.fetchFeed(path).status == .ok, "still the same URL")
            #expect(try await client.call(.get, "/v1/me/calendar-feeds", token: nil).status == .unauthorized)
        }
    }

    @Test func anotherMembersOrAnotherOrgsFeedIsNotThere() async throws {
        try await withTenants { client, a, b, services in
            // Within the org: the owner cannot see, rotate or revoke the CSM's feed.
            _ = try await client.issuedFeedPath(token: a.csmToken, body: nil)
            let csmFeed = try #require(try await client.call(.get, "/v1/me/calendar-feeds", token: a.csmToken).body.items.first?["id"] as? String)
            #expect(try await client.call(.get, "/v1/me/calendar-feeds", token: a.ownerToken).body.items.isEmpty)
            #expect(try await client.call(.post, "/v1/me/calendar-feeds/\(csmFeed)/rotate", token: a.ownerToken).status == .notFound)
            #expect(try await client.call(.delete, "/v1/me/calendar-feeds/\(csmFeed)", token: a.ownerToken).status == .notFound)
            #expect(try await client.call(.get, "/v1/me/calendar-feeds", token: a.csmToken).body.items.count == 1)
            let covered = try await checkCalendarFeedIsolation(client, a, b, services: services)
            #expect(covered.count == 5)
        }
    }
}

/// Org B's owner against org A's calendar feeds: nothing to see, nothing to touch, A's body unknown — for
/// TenantIsolationTests, which holds every /v1 route to such a check. Answers the routes it covered.
func checkCalendarFeedIsolation(
    _ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, services: AppServices
) async throws -> Set<String> {
    let body = try await CalendarFeedFixture.make(services.store, a, facilitator: a.owner).body.id
    let path = try await client.issuedFeedPath(token: a.ownerToken, body: body)
    let feed = try #require(
        try await client.call(.get, "/v1/me/calendar-feeds", token: a.ownerToken).body.items.first { $0["body_id"] as? String == body.lower }?["id"]
            as? String)
    #expect(try await client.call(.get, "/v1/me/calendar-feeds", token: b.ownerToken).body.items.allSatisfy { $0["id"] as? String != feed })
    #expect(try await client.issueFeed(token: b.ownerToken, body: body).status == .notFound, "A's body is unknown to B")
    #expect(try await client.call(.post, "/v1/me/calendar-feeds/\(feed)/rotate", token: b.ownerToken).status == .notFound)
    #expect(try await client.call(.delete, "/v1/me/calendar-feeds/\(feed)", token: b.ownerToken).status == .notFound)
    // The URL is the credential: whoever else is signed in, it shows A's calendar and nothing of B's.
    let fetched = try await client.fetchFeed(path, headers: [.authorization: "Bearer \(b.ownerToken)"])
    #expect(fetched.status == .ok && fetched.text.contains("X-WR-CALNAME:\(CalendarFeedFixture.bodyName)\r\n"))
    #expect(try await client.fetchFeed(path).status == .ok, "A's feed is untouched")
    return [
        "GET /v1/me/calendar-feeds", "POST /v1/me/calendar-feeds", "POST /v1/me/calendar-feeds/{id}/rotate",
        "DELETE /v1/me/calendar-feeds/{id}", "GET /v1/calendar/{token}",
    ]
}
