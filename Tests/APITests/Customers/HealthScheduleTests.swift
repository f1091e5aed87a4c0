import API
import Domain
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Scheduler
import Store
import TestSupport
import Testing

/// The monthly health run (first business day, 06:00 org time, scoring the month just ended) and on-demand
/// rescoring; a grade drop tells the owning CSM, the org's webhooks and the customer's timeline.
@Suite struct HealthScheduleTests {
    static func worker(_ services: AppServices) -> JobWorker {
        JobWorker(
            store: services.store, database: services.database, queues: [QueueConfiguration(name: "default", concurrency: 2)],
            // With the daily check-up run, which every org's built-in schedules enqueue: unhandled, it would fail
            // and be retried on every day a time-travel test visits.
            handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box)
                .merging(CheckUpSending.handlers(publicURL: "http://127.0.0.1:8080")) { a, _ in a })
    }

    @Test func theMonthlyRunScoresEveryoneAndAGradeDropIsAnnounced() async throws {
        try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
            let store = services.store
            try await check(await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                "url": "http://127.0.0.1:9/hook", "event_types": ["customer.health_dropped"], "format": "json"])).status == .created)
            let falling = try await a.addCustomer(store, name: "下降テック", owner: a.csm)
            let steady = try await a.addCustomer(store, name: "安定工業", owner: a.csm)
            try await a.addScore(store, customer: falling, grade: .a, total: 90, month: "2026-10", at: TestClock.instant("2026-10-01T06:00:00+09:00"))
            try await a.addNPS(store, customer: steady, score: 10, on: "2026-11-01")
            try await a.addTouch(store, customer: steady, at: TestClock.instant("2026-11-20T10:00:00+09:00"))
            try await BuiltInSchedules.ensure(store)

            // Tuesday 1 December 2026 is the first business day: 06:00 in Tokyo.
            try await Self.worker(services).runOnce(now: TestClock.instant("2026-12-01T06:05:00+09:00"))
            let scored = try await a.count(store, "SELECT count(*)::int FROM health_score WHERE org_id = \(a.orgID) AND month = '2026-11-01' AND source = 'schedule'")
            #expect(scored == 2)
            let steadyHealth = try await client.call(.get, "/v1/customers/\(steady.lower)/health", token: a.csmToken)
            #expect(steadyHealth.body["grade"] as? String == "A", "\(steadyHealth.body)")
            #expect(steadyHealth.body["source"] as? String == "schedule")

            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.csmToken).body.items
            let drops = inbox.filter { $0["kind"] as? String == "customer.health_dropped" }
            #expect(drops.count == 1)
            #expect((drops.first?["title"] as? String)?.contains("下降テック") == true)
            #expect((drops.first?["title"] as? String)?.contains("A → C") == true, "\(drops)")
            let jobs = try await client.call(.get, "/v1/admin/jobs?kind=webhooks.deliver", token: a.ownerToken).body.items
            let event = (jobs.first?["payload"] as? [String: Any])?["event"] as? [String: Any]
            #expect(jobs.count == 1)
            #expect(event?["type"] as? String == "customer.health_dropped")
            let timeline = try await a.count(
                store, "SELECT count(*)::int FROM timeline_entry WHERE org_id = \(a.orgID) AND customer_id = \(falling) AND kind = 'health_change'")
            #expect(timeline == 1)

            // A second tick the same morning scores nothing more.
            try await Self.worker(services).runOnce(now: TestClock.instant("2026-12-01T06:30:00+09:00"))
            try await check(await a.count(store, "SELECT count(*)::int FROM health_score WHERE org_id = \(a.orgID) AND source = 'schedule'") == 2)
        }
    }

    @Test func rescoringIsQueuedAndScoresEveryone() async throws {
        try await withTenants { client, a, b, services in
            let store = services.store
            for name in ["一号", "二号", "三号"] { try await a.addCustomer(store, name: name, owner: a.csm) }
            let other = try await b.addCustomer(store, name: "別組織", owner: b.csm)
            let queued = try await client.call(.post, "/v1/health/rescore", token: a.ownerToken)
            #expect(queued.status == .accepted, "\(queued.body)")
            #expect(queued.body["job_id"] is String)
            try await check(await client.call(.post, "/v1/health/rescore", token: a.csmToken).status == .forbidden)
            try await Self.worker(services).runOnce()
            try await check(await a.count(store, "SELECT count(*)::int FROM health_score WHERE org_id = \(a.orgID) AND source = 'on_demand'") == 3)
            try await check(await b.count(store, "SELECT count(*)::int FROM health_score WHERE customer_id = \(other)") == 0)
        }
    }
}
