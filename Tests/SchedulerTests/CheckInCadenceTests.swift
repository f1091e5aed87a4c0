import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport

/// The built-in monthly cadence, run in time: `runOnce(now:)` at chosen instants opens each month's check-ins on
/// the org's check-in day with the right due and review days.
@Suite struct CheckInCadenceTests {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// An org with one monthly KPI for FY2026-H2, owned by a CSM whose manager reviews.
    func org(_ db: Database, zone: String, newYearClosure: Bool) async throws -> (UUID, UUID) {
        let store = Store.testing(db)
        let org = UUID.v7(), company = UUID.v7(), csm = UUID.v7(), manager = UUID.v7(), goal = UUID.v7()
        try await store.system { tx in
            try await tx.execute(
                "INSERT INTO org (id, slug, name, time_zone) VALUES (\(org), \("c-" + org.uuidString.suffix(12).lowercased()), 'Cadence', \(zone))")
            try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
            for (id, email) in [(csm, "csm@c.example"), (manager, "manager@c.example")] {
                try await tx.execute("INSERT INTO member (org_id, id, email, display_name) VALUES (\(org), \(id), \(email), \(email))")
            }
            try await tx.execute(
                "INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id) VALUES (\(org), \(UUID.v7()), \(manager), 'manager', 'company', \(company))")
            if newYearClosure {
                for day in BusinessCalendar.newYearClosure(for: 2026).union(BusinessCalendar.newYearClosure(for: 2027)) {
                    try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org), \(day), '年末年始')")
                }
            }
            try await tx.execute(
                """
                INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
                    metric, unit, baseline, target, due_date)
                VALUES (\(org), \(goal), 'kpi', 'GRR', \(csm), 'company', \(company), 'FY2026-H2', '2026-10-01', '2027-03-31',
                    'GRR', '%', 90, 95, '2027-03-31')
                """)
        }
        _ = manager
        return (org, goal)
    }

    /// Installs the org's built-in schedules as if created at `now`.
    func installSchedules(_ store: Store, org: UUID, zone: String, now: String, review: Bool = false) async throws {
        _ = try await store.tenant(org) { tx in
            let calendar = try await GoalSettingsRepository.businessCalendar(tx)
            let timeZone = TimeZone(identifier: zone)!
            try await ScheduleRepository.upsert(
                tx, CheckInCadence.schedule(org: org, zone: timeZone, settings: .default, calendar: calendar, now: instant(now)))
            if review {
                try await ScheduleRepository.upsert(
                    tx, CheckInCadence.reviewSchedule(org: org, zone: timeZone, settings: .default, calendar: calendar, now: instant(now)))
            }
        }
    }

    @Test func tokyoDecemberToMarchOnBusinessDays() async throws {
        try await TestDatabase.with { db, _ in
            let (org, goal) = try await self.org(db, zone: "Asia/Tokyo", newYearClosure: true)
            let store = Store.testing(db)
            // The schedule is created as of the end of November (the first run's clock).
            try await installSchedules(store, org: org, zone: "Asia/Tokyo", now: "2026-11-30T00:00:00Z")
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                                   handlers: CheckInCadence.handlers)
            func opened() async throws -> Int {
                try await store.tenant(org) { tx in try await tx.query("SELECT count(*) FROM check_in").scalar(Int.self) ?? 0 }
            }
            // 08:59 JST on 12-01: nothing yet; 09:00: November opens. Running again changes nothing.
            for (now, expected) in [("2026-11-30T23:59:00Z", 0), ("2026-12-01T00:00:00Z", 1), ("2026-12-01T00:30:00Z", 1),
                                    // January: the 1st-3rd are closed; the 4th is the first business day.
                                    ("2027-01-01T00:00:00Z", 1), ("2027-01-04T00:00:00Z", 2), ("2027-02-01T00:00:00Z", 3),
                                    ("2027-03-01T00:00:00Z", 4)] {
                try await worker.runOnce(now: instant(now))
                #expect(try await opened() == expected, "\(now)")
            }
            let rows = try await store.tenant(org) { tx in
                try await tx.query("SELECT period, opens_on, due_on, review_by, state FROM check_in WHERE goal_id = \(goal) ORDER BY period")
                    .decode((String, LocalDate, LocalDate, LocalDate, String).self)
            }
            #expect(rows.map(\.0) == ["2026-11", "2026-12", "2027-01", "2027-02"])
            #expect(rows.map { $0.1.description } == ["2026-12-01", "2027-01-04", "2027-02-01", "2027-03-01"])
            // Due on the 5th business day; reviewed by the 10th — past 成人の日 (01-11) and 建国記念の日 (02-11).
            #expect(rows.map { $0.2.description } == ["2026-12-07", "2027-01-08", "2027-02-05", "2027-03-05"])
            #expect(rows.map { $0.3.description } == ["2026-12-14", "2027-01-18", "2027-02-15", "2027-03-12"])
            #expect(rows.allSatisfy { $0.4 == "open" })
            // The check-ins name the company's manager as reviewer (no positions in this org).
            #expect(try await store.tenant(org) { tx in
                try await tx.query("SELECT count(DISTINCT reviewer_id) FROM check_in WHERE reviewer_id IS NOT NULL").scalar(Int.self)
            } == 1)
        }
    }

    /// Reminders and escalations on business days across the New Year, with a worker that runs every morning at
    /// 09:00 Tokyo: November's check-in (due 12-07) reminds its owner on 12-03 and 12-07 and escalates to the
    /// reviewer on 12-08; December's (due 01-08) is submitted on 01-05 and sends nothing.
    @Test func remindersAndEscalationsOnBusinessDays() async throws {
        try await TestDatabase.with { db, _ in
            let (org, goal) = try await self.org(db, zone: "Asia/Tokyo", newYearClosure: true)
            let store = Store.testing(db)
            try await installSchedules(store, org: org, zone: "Asia/Tokyo", now: "2026-11-30T00:00:00Z")
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                                   handlers: CheckInCadence.handlers.merging(CheckInReminders.handlers) { a, _ in a })
            var day = LocalDate(iso: "2026-12-01")!
            while day <= LocalDate(iso: "2027-01-20")! {
                let morning = instant("\(day)T00:00:00Z")
                try await worker.runOnce(now: morning)
                if day == LocalDate(iso: "2027-01-05")! {
                    // The owner submits December's check-in early.
                    try await store.tenant(org) { tx in
                        _ = try await tx.execute(
                            "UPDATE check_in SET state = 'submitted', actual = 93, confidence = 'on_track', submitted_at = banso_now() WHERE goal_id = \(goal) AND period = '2026-12'")
                    }
                }
                day = day.adding(days: 1)
            }
            let sent = try await store.tenant(org) { tx in
                try await tx.query(
                    """
                    SELECT c.period, r.kind, r.outcome, j.run_at FROM reminder_sent r
                    JOIN check_in c ON c.org_id = r.org_id AND c.id = r.check_in_id
                    JOIN job j ON j.unique_key = 'reminder:' || c.id::text || ':' || r.kind
                    ORDER BY j.run_at
                    """
                ).decode((String, String, String, Date).self)
            }
            #expect(sent.map { "\($0.0) \($0.1) \($0.2)" } == [
                "2026-11 check_in.due_soon sent", "2026-11 check_in.due sent", "2026-11 check_in.overdue sent",
                "2026-12 check_in.due_soon skipped", "2026-12 check_in.due skipped", "2026-12 check_in.overdue skipped",
            ])
            #expect(sent.map(\.3) == [
                instant("2026-12-03T00:00:00Z"), instant("2026-12-07T00:00:00Z"), instant("2026-12-08T00:00:00Z"),
                instant("2027-01-06T00:00:00Z"), instant("2027-01-08T00:00:00Z"), instant("2027-01-12T00:00:00Z"),
            ], "business days: 01-11 is 成人の日")
            let inbox = try await store.tenant(org) { tx in
                try await tx.query("SELECT n.kind, m.email FROM notification n JOIN member m ON m.org_id = n.org_id AND m.id = n.member_id ORDER BY n.id")
                    .decode((String, String).self)
            }
            #expect(inbox.map { "\($0.0) \($0.1)" } == [
                "check_in.due_soon csm@c.example", "check_in.due csm@c.example", "check_in.overdue manager@c.example",
            ])
        }
    }

    /// Once a month, two business days before the review day (the 8th business day: 12-10), each reviewer hears
    /// of the check-ins waiting for them.
    @Test func reviewersAreRemindedOfWhatWaits() async throws {
        try await TestDatabase.with { db, _ in
            let (org, goal) = try await self.org(db, zone: "Asia/Tokyo", newYearClosure: true)
            let store = Store.testing(db)
            try await installSchedules(store, org: org, zone: "Asia/Tokyo", now: "2026-11-30T00:00:00Z", review: true)
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                                   handlers: CheckInCadence.handlers)
            try await worker.runOnce(now: instant("2026-12-01T00:00:00Z"))
            _ = try await store.tenant(org) { tx in
                try await tx.execute(
                    "UPDATE check_in SET state = 'submitted', actual = 93, confidence = 'at_risk', submitted_at = banso_now() WHERE goal_id = \(goal)")
            }
            try await worker.runOnce(now: instant("2026-12-09T00:00:00Z"))
            let before = try await db.query("SELECT count(*) FROM notification WHERE kind = 'check_in.reviews_waiting'").scalar(Int.self)
            #expect(before == 0)
            try await worker.runOnce(now: instant("2026-12-10T00:00:00Z"))
            let notices = try await db.query(
                "SELECT m.email, n.title, n.body FROM notification n JOIN member m ON m.org_id = n.org_id AND m.id = n.member_id WHERE n.kind = 'check_in.reviews_waiting'"
            ).decode((String, String, String).self)
            #expect(notices.map(\.0) == ["manager@c.example"])
            #expect(notices.first?.1 == "レビュー待ちのチェックインが 1 件あります")
            #expect(notices.first?.2.contains("GRR") == true)
        }
    }

    /// An org in New York gets its check-ins at its own 09:00: 14:00 UTC in December (EST), not 13:00 (EDT).
    @Test func newYorkAtItsOwnNineAcrossDST() async throws {
        try await TestDatabase.with { db, _ in
            let (org, goal) = try await self.org(db, zone: "America/New_York", newYearClosure: false)
            let store = Store.testing(db)
            try await CheckInCadence.ensureSchedules(store)
            try await installSchedules(store, org: org, zone: "America/New_York", now: "2026-10-15T00:00:00Z")
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                                   handlers: CheckInCadence.handlers)
            func count() async throws -> Int {
                try await store.tenant(org) { tx in try await tx.query("SELECT count(*) FROM check_in").scalar(Int.self) ?? 0 }
            }
            // November 2 2026 (Monday, first business day) at 09:00 EST = 14:00 UTC: October's check-in opens;
            // December 1 at 09:00 EST; January 1 2027 is no holiday for an org outside Japan (and it has no closures).
            for (now, expected) in [("2026-11-02T13:59:00Z", 0), ("2026-11-02T14:00:00Z", 1), ("2026-12-01T14:00:00Z", 2),
                                    ("2027-01-01T14:00:00Z", 3)] {
                try await worker.runOnce(now: instant(now))
                #expect(try await count() == expected, "\(now)")
            }
            let opened = try await store.tenant(org) { tx in
                try await tx.query("SELECT period, opens_on FROM check_in WHERE goal_id = \(goal) ORDER BY period").decode((String, LocalDate).self)
            }
            #expect(opened.map(\.0) == ["2026-10", "2026-11", "2026-12"])
            #expect(opened.map { $0.1.description } == ["2026-11-02", "2026-12-01", "2027-01-01"])
        }
    }

    /// A goal switched from monthly to weekly on 11-18 keeps November's monthly check-in (opened 12-01) and starts
    /// weekly with the week holding 12-01 (W49, opened Monday 12-07): no check-in for the weeks inside November, none
    /// for December as a month, and each week after that once — through the weekly schedule, fired every Monday.
    @Test func aCadenceChangedMidMonthKeepsTheMonthAndStartsWeeklyAfterIt() async throws {
        try await TestDatabase.with { db, _ in
            let (org, goalID) = try await self.org(db, zone: "Asia/Tokyo", newYearClosure: false)
            let store = Store.testing(db)
            _ = try await store.tenant(org) { tx in
                let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                let zone = TimeZone(identifier: "Asia/Tokyo")!
                let start = instant("2026-11-01T00:00:00Z")
                try await ScheduleRepository.upsert(tx, CheckInCadence.schedule(org: org, zone: zone, settings: .default, calendar: calendar, now: start))
                try await ScheduleRepository.upsert(
                    tx, CheckInCadence.weeklySchedule(org: org, zone: zone, settings: .default, calendar: calendar, now: start))
            }
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                                   handlers: CheckInCadence.handlers)
            var day = LocalDate(iso: "2026-11-02")!
            while day <= LocalDate(iso: "2027-01-05")! {
                if day == LocalDate(iso: "2026-11-18")! {
                    try await store.tenant(org) { tx in
                        var goal = try #require(try await GoalRepository.get(tx, id: goalID))
                        goal.changeCadence(to: .weekly, today: day)
                        _ = try await GoalRepository.update(tx, goal, expectedVersion: nil)
                    }
                }
                try await worker.runOnce(now: instant("\(day)T00:00:00Z"))
                day = day.adding(days: 1)
            }
            let periods = try await store.tenant(org) { tx in
                try await tx.query("SELECT period FROM check_in WHERE goal_id = \(goalID) ORDER BY period_start").decodeColumn(String.self)
            }
            #expect(periods == ["2026-10", "2026-11", "2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"])
            let stored = try await store.tenant(org) { tx in try await GoalRepository.get(tx, id: goalID) }
            #expect(stored?.cadenceSwitch == CadenceSwitch(prior: .monthly, from: LocalDate(iso: "2026-12-01")!))
        }
    }
}
