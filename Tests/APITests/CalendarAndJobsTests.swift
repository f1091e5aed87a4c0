import API
import Settings
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

@Suite struct CalendarAndJobsTests {
    @Test func holidaysInBothLanguages() async throws {
        try await withTenants { client, a, _, _ in
            let response = try await client.call(.get, "/v1/calendar/holidays?from=2027-01-01&to=2027-03-31", token: a.csmToken)
            let items = response.body.items
            #expect(items.map { $0["date"] as? String } == ["2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22"])
            #expect(items.first?["name_ja"] as? String == "元日")
            #expect(items.first?["name_en"] as? String == "New Year's Day")
            #expect(items.last?["name_ja"] as? String == "振替休日", "the substitute holiday for 春分の日 on a Sunday")
            for (query, field) in [("from=2027-03-01&to=2027-01-01", "to"), ("from=2027-13-01&to=2027-12-31", "from"), ("to=2027-01-01", "from"),
                                   ("from=2000-01-01&to=2027-01-01", "to")] {
                let bad = try await client.call(.get, "/v1/calendar/holidays?\(query)", token: a.csmToken)
                #expect(bad.status == .unprocessableContent, "\(query)")
                #expect(bad.body["field"] as? String == field, "\(query)")
            }
        }
    }

    @Test func closuresAndTheirEffectOnTheCheckInSchedule() async throws {
        try await withTenants { client, a, _, _ in
            let added = try await client.call(.post, "/v1/org/closures/new-year", token: a.ownerToken, json: body(["year": 2026]))
            #expect(added.status == .ok)
            #expect(added.body["added"] as? Int == 6)
            try await check(await client.call(.post, "/v1/org/closures/new-year", token: a.ownerToken, json: body(["year": 2026])).body["added"] as? Int == 0,
                            "one click twice adds nothing twice")
            try await check(await client.call(.put, "/v1/org/closures/2026-08-14", token: a.ownerToken, json: body(["name": "お盆"])).status == .ok)
            let list = try await client.call(.get, "/v1/org/closures?year=2026", token: a.csmToken)
            #expect(list.body.items.map { $0["date"] as? String } == ["2026-08-14", "2026-12-29", "2026-12-30", "2026-12-31"])
            try await check(await client.call(.get, "/v1/org/closures?year=2027", token: a.csmToken).body.items.count == 3)
            try await check(await client.call(.put, "/v1/org/closures/2026-08-13", token: a.smbManagerToken, json: "{}").status == .forbidden)
            try await check(await client.call(.put, "/v1/org/closures/2026-02-30", token: a.ownerToken, json: "{}").body["field"] as? String == "date")
            try await check(await client.call(.delete, "/v1/org/closures/2026-08-14", token: a.ownerToken).status == .noContent)
            try await check(await client.call(.delete, "/v1/org/closures/2026-08-14", token: a.ownerToken).status == .notFound)
            // The org's monthly check-in schedule exists and fires on its next check-in day, 09:00 Tokyo.
            let schedules = try await client.call(.get, "/v1/admin/schedules", token: a.ownerToken)
            let schedule = try #require(schedules.body.items.first { $0["name"] as? String == "goals.monthly_check_ins" })
            #expect(schedule["next_fire_at"] as? String == "2026-12-01T00:00:00Z")
            #expect((schedule["recurrence"] as? [String: Any])?["type"] as? String == "nth_business_day")
            try await check(await client.call(.get, "/v1/admin/schedules", token: a.smbManagerToken).status == .forbidden)
            // Moving the check-in day to the 3rd business day re-times it.
            try await check(await client.call(.patch, "/v1/org/goal-settings", token: a.ownerToken,
                                              json: body(["check_in_open_business_day": 3, "check_in_due_business_day": 6])).status == .ok)
            let moved = try await client.call(.get, "/v1/admin/schedules", token: a.ownerToken).body.items.first
            #expect(moved?["next_fire_at"] as? String == "2026-12-03T00:00:00Z")
        }
    }

    @Test func operatorsSeeRetryAndCancelTheirJobs() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let job = try await store.tenant(a.orgID) { tx in
                try await JobRepository.enqueue(tx, NewJob(kind: "goals.open_check_ins", payload: #"{"nominal":"2026-12-01T09:00"}"#, orgID: a.orgID))
            }
            let id = try #require(job?.id).uuidString.lowercased()
            let list = try await client.call(.get, "/v1/admin/jobs?state=available", token: a.ownerToken)
            #expect(list.body.ids == [id])
            #expect((list.body.items.first?["payload"] as? [String: Any])?["nominal"] as? String == "2026-12-01T09:00")
            try await check(await client.call(.get, "/v1/admin/jobs", token: a.csmToken).status == .forbidden)
            try await check(await client.call(.get, "/v1/admin/jobs?state=nope", token: a.ownerToken).body["field"] as? String == "state")
            let cancelled = try await client.call(.post, "/v1/admin/jobs/\(id)/cancel", token: a.ownerToken)
            #expect(cancelled.body["state"] as? String == "cancelled")
            try await check(await client.call(.post, "/v1/admin/jobs/\(id)/cancel", token: a.ownerToken).status == .conflict)
            let retried = try await client.call(.post, "/v1/admin/jobs/\(id)/retry", token: a.ownerToken)
            #expect(retried.body["state"] as? String == "available")
        }
    }
}
