import API
import Settings
import Credentials
import Database
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Scheduler
import Store
import TestSupport
import Testing

/// `/v1/schedules`: schedules a goal's owner or the org's admins make, fired by the real ticker and worker.
@Suite struct ScheduleTests {
    static var fridayAtFour: [String: Any] { ["type": "weekly", "weekdays": [5], "at": "16:00"] }

    @Test func aGoalOwnerNudgesThemselvesEveryFriday() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            let tree = try await SampleTree.make(client, a)
            let created = try await client.call(.post, "/v1/schedules", token: a.csmToken, json: body([
                "name": "GRR の週次更新", "kind": "goal.nudge", "goal_id": tree.grr, "recurrence": Self.fridayAtFour,
                "message": "解約予兆リストも確認"]))
            #expect(created.status == .created, "\(created.body)")
            let id = try #require(created.body["id"] as? String).lowercased()
            #expect(created.body["subject_type"] as? String == "goal")
            #expect(created.body["misfire"] as? String == "skip", "a reminder is only useful on time")
            #expect(created.body["built_in"] as? Bool == false)
            let upcoming = try #require(created.body["upcoming"] as? [String])
            #expect(upcoming.count == 5)
            // Fridays at 16:00 Tokyo (07:00Z), a week apart.
            #expect(upcoming.allSatisfy { $0.hasSuffix("T07:00:00Z") })
            let nextText = try #require(created.body["next_fire_at"] as? String)
            let next = try #require(ISO8601DateFormatter().date(from: nextText))
            #expect(Calendar(identifier: .gregorian).component(.weekday, from: next) == 6)

            // The goal's page lists it; someone who cannot see the goal does not find its schedule either.
            try await check(await client.call(.get, "/v1/schedules?goal_id=\(tree.grr)", token: a.csmToken).body.items.count == 1)
            let byViewer = try await client.call(.patch, "/v1/schedules/\(id)", token: a.viewerToken, json: #"{"active": false}"#)
            #expect(byViewer.status == .notFound, "\(byViewer.status) \(byViewer.body)")

            // At the occurrence, the ticker fires it and the owner hears, in Japanese, with the schedule's message.
            let worker = JobWorker(
                store: services.store, database: services.database,
                queues: [QueueConfiguration(name: "default", concurrency: 2)], handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box))
            try await worker.runOnce(now: next.addingTimeInterval(-60))
            try await worker.runOnce(now: next.addingTimeInterval(30))
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken).body.items
            let nudges = inbox.filter { $0["kind"] as? String == "goal.nudge" }
            #expect(nudges.count == 1)
            #expect(nudges.first?["title"] as? String == "「SMB GRR」の進捗を更新しましょう")
            #expect((nudges.first?["body"] as? String)?.contains("解約予兆リストも確認") == true)
            // Ticking again at the same instant fires nothing more.
            try await worker.runOnce(now: next.addingTimeInterval(40))
            try await check(await client.call(.get, "/v1/me/notifications", token: a.csmToken).body.items
                .filter { $0["kind"] as? String == "goal.nudge" }.count == 1)

            // Re-timed to Mondays 09:30: the next occurrence moves; paused: none.
            let moved = try await client.call(.patch, "/v1/schedules/\(id)", token: a.csmToken, json: body([
                "recurrence": ["type": "weekly", "weekdays": [1], "at": "09:30"], "message": nil]))
            #expect(moved.status == .ok)
            #expect((moved.body["upcoming"] as? [String])?.allSatisfy { $0.hasSuffix("T00:30:00Z") } == true)
            #expect(moved.body["message"] == nil || moved.body["message"] is NSNull)
            let paused = try await client.call(.patch, "/v1/schedules/\(id)", token: a.csmToken, json: #"{"active": false}"#)
            #expect(paused.body["next_fire_at"] == nil || paused.body["next_fire_at"] is NSNull)
            #expect((paused.body["upcoming"] as? [Any])?.isEmpty == true)
            try await check(await client.call(.delete, "/v1/schedules/\(id)", token: a.csmToken).status == .noContent)
            try await check(await client.call(.get, "/v1/schedules/\(id)", token: a.csmToken).status == .notFound)
        }
    }

    @Test func badSchedulesAreRefusedWithTheirField() async throws {
        try await withTenants { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            for (fields, status, field) in [
                (["name": "x", "kind": "goal.explode", "goal_id": tree.grr, "recurrence": Self.fridayAtFour], 422, "kind"),
                (["name": "x", "kind": "goal.nudge", "recurrence": Self.fridayAtFour], 422, "goal_id"),
                (["name": "x", "kind": "goal.nudge", "goal_id": tree.grr, "recurrence": ["type": "weekly", "weekdays": [9], "at": "16:00"]],
                 422, "recurrence.weekdays"),
                (["name": " ", "kind": "goal.nudge", "goal_id": tree.grr, "recurrence": Self.fridayAtFour], 422, "name"),
                (["name": "x", "kind": "webhook.broadcast", "goal_id": tree.grr, "recurrence": Self.fridayAtFour], 422, "goal_id"),
                (["name": "x", "kind": "goal.nudge", "goal_id": tree.grr, "recurrence": Self.fridayAtFour, "max_lateness_seconds": -1],
                 422, "max_lateness_seconds"),
            ] as [([String: Any], Int, String)] {
                let response = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body(fields))
                #expect(response.status.code == status, "\(fields) → \(response.status) \(response.body)")
                #expect(response.body["field"] as? String == field, "\(fields)")
            }
            // A CSM cannot broadcast to the org's webhooks.
            try await check(await client.call(.post, "/v1/schedules", token: a.csmToken, json: body([
                "name": "週次", "kind": "webhook.broadcast", "recurrence": Self.fridayAtFour])).status == .forbidden)
            let first = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                "name": "週次", "kind": "webhook.broadcast", "recurrence": Self.fridayAtFour]))
            #expect(first.status == .created)
            let again = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                "name": "週次", "kind": "webhook.broadcast", "recurrence": Self.fridayAtFour]))
            #expect(again.status == .conflict)
            #expect(again.body["field"] as? String == "name")
            try await check(await client.call(.get, "/v1/schedules", token: a.ownerToken).body.items.map { $0["name"] as? String } == ["週次"])
            try await check(await client.call(.get, "/v1/schedules", token: a.csmToken).status == .forbidden)
        }
    }

    @Test func aBroadcastSendsScheduleFiredToTheOrgsWebhooks() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            try await check(await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                "url": "http://127.0.0.1:9/hook", "event_types": ["schedule.fired"], "format": "slack"])).status == .created)
            let created = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
                "name": "週次 CS 定例の準備", "kind": "webhook.broadcast", "recurrence": Self.fridayAtFour, "message": "議題を追加してください"]))
            #expect(created.status == .created)
            let nextText = try #require(created.body["next_fire_at"] as? String)
            let next = try #require(ISO8601DateFormatter().date(from: nextText))
            let worker = JobWorker(
                store: services.store, database: services.database,
                queues: [QueueConfiguration(name: "default", concurrency: 2)], handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box))
            try await worker.runOnce(now: next.addingTimeInterval(5))
            let jobs = try await client.call(.get, "/v1/admin/jobs?kind=webhooks.deliver", token: a.ownerToken).body.items
            #expect(jobs.count == 1)
            let event = (jobs.first?["payload"] as? [String: Any])?["event"] as? [String: Any]
            #expect(event?["type"] as? String == "schedule.fired")
            #expect((event?["textJa"] as? String)?.contains("議題を追加してください") == true, "\(event ?? [:])")
        }
    }

    @Test func builtInSchedulesCanOnlyBePaused() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            try await BuiltInSchedules.ensure(services.store)
            let items = try await client.call(.get, "/v1/schedules", token: a.ownerToken).body.items
            let monthly = try #require(items.first { $0["name"] as? String == "goals.monthly_check_ins" })
            #expect(monthly["built_in"] as? Bool == true)
            let id = try #require(monthly["id"] as? String)
            let retime = try await client.call(.patch, "/v1/schedules/\(id)", token: a.ownerToken, json: body([
                "recurrence": ["type": "weekly", "weekdays": [1], "at": "09:00"]]))
            #expect(retime.status == .conflict)
            #expect(retime.body["code"] as? String == "built_in")
            try await check(await client.call(.delete, "/v1/schedules/\(id)", token: a.ownerToken).status == .conflict)
            let paused = try await client.call(.patch, "/v1/schedules/\(id)", token: a.ownerToken, json: #"{"active": false}"#)
            #expect(paused.status == .ok)
            #expect(paused.body["active"] as? Bool == false)
            let resumed = try await client.call(.patch, "/v1/schedules/\(id)", token: a.ownerToken, json: #"{"active": true}"#)
            #expect(resumed.body["next_fire_at"] as? String != nil)
        }
    }
}

/// For the isolation test: another org's schedules are not found, and its goals cannot be scheduled.
func checkScheduleIsolation(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg) async throws -> Set<String> {
    let goal = try await SampleTree.make(client, a).grr
    let created = try await client.call(.post, "/v1/schedules", token: a.ownerToken, json: body([
        "name": "隔離", "kind": "goal.nudge", "goal_id": goal, "recurrence": ScheduleTests.fridayAtFour]))
    #expect(created.status == .created)
    let id = try #require(created.body["id"] as? String)
    for (method, json) in [(HTTPRequest.Method.get, nil), (.patch, #"{"active": false}"#), (.delete, nil)] as [(HTTPRequest.Method, String?)] {
        let response = try await client.call(method, "/v1/schedules/\(id)", token: b.ownerToken, json: json)
        #expect(response.status == .notFound, "\(method) → \(response.status)")
    }
    try await check(await client.call(.get, "/v1/schedules?goal_id=\(goal)", token: b.ownerToken).status == .notFound)
    let foreign = try await client.call(.post, "/v1/schedules", token: b.ownerToken, json: body([
        "name": "隔離", "kind": "goal.nudge", "goal_id": goal, "recurrence": ScheduleTests.fridayAtFour]))
    #expect(foreign.status == .notFound)
    #expect(foreign.body["field"] as? String == "goal_id")
    try await check(await !client.call(.get, "/v1/schedules", token: b.ownerToken).body.items.contains { $0["id"] as? String == id })
    try await check(await client.call(.get, "/v1/schedules/\(id)", token: a.ownerToken).status == .ok, "untouched")
    return ["GET /v1/schedules", "POST /v1/schedules", "GET /v1/schedules/{id}", "PATCH /v1/schedules/{id}", "DELETE /v1/schedules/{id}"]
}
