import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport

@Suite struct ScheduleTickerTests {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// An org in Tokyo with the 年末年始 closure and a schedule on the 1st business day at 09:00.
    func setUp(_ db: Database, misfire: MisfirePolicy = .fireOnce, maxLateness: Double = 3 * 86_400,
               recurrence: Recurrence = .nthBusinessDay(n: 1, at: LocalTime(hour: 9, minute: 0)!)) async throws -> (org: UUID, schedule: UUID) {
        let store = Store.testing(db)
        let org = UUID.v7()
        let schedule = UUID.v7()
        let owner = UUID.v7()
        try await store.system { tx in
            try await tx.execute("INSERT INTO org (id, slug, name) VALUES (\(org), \("tick-" + org.uuidString.prefix(8).lowercased()), 'Tick')")
            try await tx.execute("INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org), \(owner), 'owner@tick.example', 'Owner', 'ja')")
            try await tx.execute("INSERT INTO role_grant (org_id, id, member_id, role, scope_type) VALUES (\(org), \(UUID.v7()), \(owner), 'owner', 'org')")
            for day in BusinessCalendar.newYearClosure(for: 2026).union(BusinessCalendar.newYearClosure(for: 2027)) {
                try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org), \(day), '年末年始')")
            }
            try await ScheduleRepository.upsert(
                tx,
                Schedule(id: schedule, orgID: org, name: "monthly check-ins", jobKind: "goals.open_check_ins", payload: #"{"cadence":"monthly"}"#,
                         recurrence: recurrence, misfire: misfire, maxLateness: maxLateness, nextFireAt: instant("2026-12-01T00:00:00Z")))
        }
        return (org, schedule)
    }

    @Test func firesOnTheRightBusinessDaysExactlyOnce() async throws {
        try await TestDatabase.with(poolSize: 8) { db, _ in
            let (org, schedule) = try await setUp(db)
            let store = Store.testing(db)
            let ticker = ScheduleTicker(store: store)
            // Many tickers at once, at the same instants: each occurrence fires once.
            for now in ["2026-12-01T00:00:30Z", "2027-01-04T00:01:00Z", "2027-02-01T00:00:10Z"] {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<6 { group.addTask { try await ticker.tick(now: instant(now)) } }
                    try await group.waitForAll()
                }
            }
            let fires = try await store.tenant(org) { tx in try await ScheduleRepository.fires(tx, schedule: schedule) }
            #expect(fires.map(\.nominal) == ["2026-12-01T09:00", "2027-01-04T09:00", "2027-02-01T09:00"])
            #expect(fires.allSatisfy { $0.outcome == .fired && $0.jobID != nil })
            let jobs = try await db.query("SELECT payload->>'nominal', (payload->>'lateness_seconds')::float8, payload->>'cadence' FROM job ORDER BY id")
                .decode((String, Double, String).self)
            #expect(jobs.map(\.0) == ["2026-12-01T09:00", "2027-01-04T09:00", "2027-02-01T09:00"])
            #expect(jobs.map(\.1) == [30, 60, 10], "the payload says how late the fire was")
            #expect(jobs.allSatisfy { $0.2 == "monthly" })
            // Job retention does not matter: the ledger still refuses a second fire after the jobs are gone.
            try await store.system { tx in _ = try await tx.execute("DELETE FROM job") }
            try await store.system { tx in _ = try await tx.execute("UPDATE schedule SET next_fire_at = \(instant("2026-12-01T00:00:00Z"))") }
            try await ticker.tick(now: instant("2027-02-01T00:05:00Z"))
            #expect(try await db.query("SELECT count(*) FROM job").scalar(Int.self) == 0)
        }
    }

    @Test func fireOnceAfterAnOutageAndMissedBeyondTheLimitTellsTheAdmins() async throws {
        try await TestDatabase.with { db, _ in
            let (org, schedule) = try await setUp(db)
            let store = Store.testing(db)
            let ticker = ScheduleTicker(store: store)
            // Nothing ticked from December to 2 days after February's occurrence: only February fires.
            try await ticker.tick(now: instant("2027-02-03T00:00:00Z"))
            var fires = try await store.tenant(org) { tx in try await ScheduleRepository.fires(tx, schedule: schedule) }
            #expect(fires.map(\.nominal) == ["2027-02-01T09:00"])
            #expect(fires.first?.outcome == .fired)
            // March's occurrence 4 days late: beyond 3 days, recorded as missed; the owner hears of it.
            try await ticker.tick(now: instant("2027-03-05T00:00:00Z"))
            fires = try await store.tenant(org) { tx in try await ScheduleRepository.fires(tx, schedule: schedule) }
            #expect(fires.map(\.outcome) == [.fired, .missed])
            let notices = try await db.query("SELECT kind, title FROM notification").decode((String, String).self)
            #expect(notices.map(\.0) == ["schedule.missed"])
            #expect(notices.first?.1.contains("monthly check-ins") == true)
            #expect(try await db.query("SELECT count(*) FROM job WHERE kind <> 'mail.send'").scalar(Int.self) == 1)
            #expect(try await db.query("SELECT count(*) FROM job WHERE kind = 'mail.send'").scalar(Int.self) == 1,
                    "the missed occurrence also goes to the owner by e-mail")
        }
    }

    @Test func fireAllCatchesUpEveryOccurrence() async throws {
        try await TestDatabase.with { db, _ in
            let (org, schedule) = try await setUp(db, misfire: .fireAll)
            let store = Store.testing(db)
            try await ScheduleTicker(store: store).tick(now: instant("2027-03-02T00:00:00Z"))
            let fires = try await store.tenant(org) { tx in try await ScheduleRepository.fires(tx, schedule: schedule) }
            #expect(fires.map(\.nominal) == ["2026-12-01T09:00", "2027-01-04T09:00", "2027-02-01T09:00", "2027-03-01T09:00"])
        }
    }

    /// The worker's `runOnce(now:)` ticks and runs what fell due: a time-travel run.
    @Test func runOnceTicksThenRunsTheJobs() async throws {
        try await TestDatabase.with { db, _ in
            _ = try await setUp(db)
            let store = Store.testing(db)
            let ran = Counter()
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 2)],
                handlers: ["goals.open_check_ins": { _ in ran.add() }])
            #expect(try await worker.runOnce(now: instant("2026-11-30T23:59:00Z")) == 0)
            #expect(try await worker.runOnce(now: instant("2026-12-01T00:00:00Z")) == 1)
            #expect(try await worker.runOnce(now: instant("2026-12-15T00:00:00Z")) == 0)
            #expect(try await worker.runOnce(now: instant("2027-01-04T00:00:00Z")) == 1)
            #expect(ran.value == 2)
        }
    }
}
