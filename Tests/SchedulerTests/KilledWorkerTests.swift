import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Real `banso worker` processes killed with SIGKILL at random points while they open check-ins: the jobs of the
/// killed ones come back when their leases expire, and every effect lands exactly once.
@Suite struct KilledWorkerTests {
    /// The `banso` binary `scripts/test` builds next to the test bundle.
    static var bansoBinary: String {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        var directory = bundle.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("banso").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
            if directory.lastPathComponent == ".build" { break }
        }
        return bundle.deletingLastPathComponent().appendingPathComponent("banso").path
    }

    static func startWorker(url: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bansoBinary)
        // On the tests' clock, not the wall clock: which reminders are due must not depend on the day the suite runs.
        process.arguments = ["worker", "--clock-start", ISO8601DateFormatter().string(from: TestClock.reference)]
        var environment = ProcessInfo.processInfo.environment
        environment["BANSO_DATABASE_URL"] = url
        environment["BANSO_SECRET_KEY"] = TestSecrets.keyText
        environment["BANSO_LOG_LEVEL"] = "critical"
        environment["BANSO_JOBS_LEASE"] = "2"
        environment["BANSO_JOBS_POLL"] = "1"
        environment["BANSO_JOBS_CONCURRENCY"] = "3"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sends SIGTERM (a no-op to one already killed) and waits without blocking a thread; SIGKILL after `limit`.
    /// Whether it left by itself in time.
    static func stop(_ process: Process, within limit: Duration) async -> Bool {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        let left = !process.isRunning
        if !left { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return left
    }

    @Test func killedWorkersLoseNothingAndRepeatNothing() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.bansoBinary), "scripts/test builds banso first: \(Self.bansoBinary)")
        try await TestDatabase.with(poolSize: 4) { db, url in
            let store = Store.testing(db)
            let orgs = 24, goalsPerOrg = 40
            // Orgs with goals, and a job per org to open November's check-ins (what the monthly schedule enqueues).
            for n in 0..<orgs {
                let org = UUID.v7(), company = UUID.v7(), owner = UUID.v7()
                try await store.system { tx in
                    try await tx.execute("INSERT INTO org (id, slug, name) VALUES (\(org), \("kill-\(n)-" + org.uuidString.suffix(6).lowercased()), 'K')")
                    try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'C')")
                    try await tx.execute("INSERT INTO member (org_id, id, email, display_name) VALUES (\(org), \(owner), 'o@k.example', 'O')")
                    try await tx.execute(
                        """
                        INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
                            metric, unit, baseline, target)
                        SELECT \(org), gen_random_uuid(), 'kpi', 'KPI ' || i, \(owner), 'company', \(company), 'FY2026-H2',
                            '2026-10-01', '2027-03-31', 'GRR', '%', 90, 95
                        FROM generate_series(1, \(goalsPerOrg)) AS i
                        """)
                    try await JobRepository.enqueue(
                        tx, NewJob(kind: CheckInCadence.jobKind, payload: #"{"nominal":"2026-12-01T09:00"}"#, orgID: org,
                                   uniqueKey: "kill-test-\(n)"))
                }
            }
            var workers = try (0..<3).map { _ in try Self.startWorker(url: url) }
            // Kill a random worker every 150–450 ms, sixteen times, starting a fresh one each time. A count, not a
            // span of time: on a busy machine each kill and restart takes longer, and a five-second window once held
            // only nine.
            let kills = 16
            for _ in 0..<kills {
                try await Task.sleep(for: .milliseconds(Int.random(in: 150...450)))
                let victim = Int.random(in: 0..<workers.count)
                kill(workers[victim].processIdentifier, SIGKILL)
                _ = await Self.stop(workers[victim], within: .seconds(30))
                workers[victim] = try Self.startWorker(url: url)
            }
            // Then let the survivors finish: expired leases are rescued and run again.
            let deadline = ContinuousClock.now + .seconds(90)
            var done = 0
            while ContinuousClock.now < deadline {
                done = try await db.query(
                    "SELECT count(*) FROM job WHERE kind = \(CheckInCadence.jobKind) AND state = 'completed'").scalar(Int.self) ?? 0
                if done == orgs { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            // SIGTERM lets a worker finish what it runs and leave; one still there after 30 s is killed, so that a
            // stuck shutdown fails this test by name instead of hanging the whole run.
            var lingered = 0
            for worker in workers {
                if await !Self.stop(worker, within: .seconds(30)) { lingered += 1 }
            }
            #expect(lingered == 0, "every worker left within 30 s of SIGTERM")
            #expect(done == orgs, "every job finished despite \(kills) kills")
            let checkIns = try await db.query("SELECT count(*), count(DISTINCT (goal_id, period)) FROM check_in").decode((Int, Int).self)[0]
            #expect(checkIns.0 == orgs * goalsPerOrg, "one check-in per goal")
            #expect(checkIns.1 == checkIns.0, "no duplicate (goal, period)")
            let reminders = try await db.query(
                "SELECT count(*) FROM job WHERE kind = \(CheckInOpening.reminderJobKind)").scalar(Int.self)
            #expect(reminders == orgs * goalsPerOrg * 3, "three reminders per check-in, queued once")
            let stuck = try await db.query("SELECT count(*) FROM job WHERE state = 'running'").scalar(Int.self)
            #expect(stuck == 0)
        }
    }
}
