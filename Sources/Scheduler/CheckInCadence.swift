public import Database
public import Domain
public import Foundation
import Logging
public import Store

/// The built-in monthly cadence (DESIGN §2, §5): on the org's check-in day (the 1st business day at 09:00 local
/// by default) a schedule enqueues `goals.open_check_ins`, which opens the check-in of every active goal for the
/// month just ended — and, at a quarter's end, of quarterly goals for the quarter. Opening is idempotent (one
/// check-in per goal and period), so a retried job or a second fire changes nothing.
public enum CheckInCadence {
    public static let scheduleName = "goals.monthly_check_ins"
    public static let jobKind = "goals.open_check_ins"

    /// The schedule as the org's settings define it, first firing after `now`.
    public static func schedule(org: UUID, zone: TimeZone, settings: GoalSettings, calendar: BusinessCalendar, now: Date) -> Schedule {
        let at = LocalTime(hour: settings.openMinuteOfDay / 60, minute: settings.openMinuteOfDay % 60)!
        let recurrence = Recurrence.nthBusinessDay(n: settings.checkInOpenBusinessDay, at: at)
        return Schedule(
            id: .v7(), orgID: org, name: scheduleName, jobKind: jobKind, queue: "default", payload: "{}", recurrence: recurrence,
            misfire: .fireOnce, maxLateness: 3 * 86_400,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
    }

    public static let reviewScheduleName = "goals.review_reminders"
    public static let reviewJobKind = "goals.remind_reviewers"

    /// The monthly nudge to reviewers: 2 business days before the review day (the 8th business day by default).
    public static func reviewSchedule(org: UUID, zone: TimeZone, settings: GoalSettings, calendar: BusinessCalendar, now: Date) -> Schedule {
        let at = LocalTime(hour: settings.openMinuteOfDay / 60, minute: settings.openMinuteOfDay % 60)!
        let recurrence = Recurrence.nthBusinessDay(n: max(settings.checkInDueBusinessDay, settings.reviewBusinessDay - 2), at: at)
        return Schedule(
            id: .v7(), orgID: org, name: reviewScheduleName, jobKind: reviewJobKind, queue: "default", payload: "{}",
            recurrence: recurrence, misfire: .fireOnce, maxLateness: 86_400,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
    }

    public static let weeklyScheduleName = "goals.weekly_check_ins"
    public static let weeklyJobKind = "goals.open_weekly_check_ins"

    /// Weekly and fortnightly goals: every Monday at the opening time, the week just ended opens — and the
    /// fortnight, when one ended with it. Due and review days come from the short-cadence settings.
    public static func weeklySchedule(org: UUID, zone: TimeZone, settings: GoalSettings, calendar: BusinessCalendar, now: Date) -> Schedule {
        let at = LocalTime(hour: settings.openMinuteOfDay / 60, minute: settings.openMinuteOfDay % 60)!
        let recurrence = Recurrence.weekly(weekdays: [1], at: at)
        return Schedule(
            id: .v7(), orgID: org, name: weeklyScheduleName, jobKind: weeklyJobKind, queue: "default", payload: "{}",
            recurrence: recurrence, misfire: .fireOnce, maxLateness: 3 * 86_400,
            nextFireAt: recurrence.next(after: now, in: zone, calendar: calendar).instant)
    }

    static func schedules(org: UUID, zone: TimeZone, settings: GoalSettings, calendar: BusinessCalendar, now: Date) -> [Schedule] {
        [schedule(org: org, zone: zone, settings: settings, calendar: calendar, now: now),
         reviewSchedule(org: org, zone: zone, settings: settings, calendar: calendar, now: now),
         weeklySchedule(org: org, zone: zone, settings: settings, calendar: calendar, now: now)]
    }

    /// Gives every org that lacks them its built-in schedules (new orgs, and orgs from before the scheduler).
    public static func ensureSchedules(_ store: Store) async throws {
        for name in [scheduleName, reviewScheduleName, weeklyScheduleName] {
            let missing = try await store.system { tx in try await ScheduleRepository.orgsWithout(tx, name: name) }
            for (org, zoneName) in missing {
                try await store.tenant(org) { tx in
                    let settings = try await GoalSettingsRepository.get(tx)
                    let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                    let now = try await JobRepository.databaseNow(tx)
                    let zone = Organization.zone(zoneName)
                    for schedule in schedules(org: org, zone: zone, settings: settings, calendar: calendar, now: now) where schedule.name == name {
                        try await ScheduleRepository.insertIfAbsent(tx, schedule)
                    }
                }
            }
        }
    }

    /// Re-times the org's schedule after its settings or time zone changed: the next occurrence under the new rule.
    public static func reschedule(_ tx: TenantTransaction) async throws {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        let settings = try await GoalSettingsRepository.get(tx)
        let calendar = try await GoalSettingsRepository.businessCalendar(tx)
        let now = try await JobRepository.databaseNow(tx)
        for schedule in schedules(
            org: tx.org, zone: Organization.zone(facts.timeZone), settings: settings,
            calendar: calendar, now: now)
        {
            try await ScheduleRepository.upsert(tx, schedule)
        }
    }

    /// The reviewers' nudge: each active reviewer with submitted, unreviewed check-ins hears of them, listed, once
    /// a month. Returns how many reviewers were told.
    @discardableResult
    public static func remindReviewers(_ context: JobContext) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        return try await context.store.tenant(org) { tx in
            var told = 0
            for (reviewer, items) in try await CheckInRepository.awaitingReview(tx) {
                guard let member = try await MemberRepository.get(tx, id: reviewer), member.active else { continue }
                let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: reviewer)
                try await NotificationRepository.deliver(
                    tx, to: reviewer, .reviewsWaiting(items, locale: facts.locale), subjectType: nil, subjectID: nil,
                    now: context.now)
                told += 1
            }
            return told
        }
    }

    /// What the job's payload says: the nominal local time of the fire.
    struct Payload: Decodable {
        var nominal: String
    }

    /// The handler of the monthly fire: opens the month-just-ended's check-ins of the job's org (and the quarter's,
    /// when it ended with the month). Returns how many were opened.
    @discardableResult
    public static func openCheckIns(_ context: JobContext) async throws -> Int {
        try await open(context) { fired, startMonth in
            let month = CheckInPeriod.containing(fired.firstOfMonth.adding(days: -1), cadence: .monthly, fiscalYearStartMonth: startMonth)
            let quarter = CheckInPeriod.containing(month.start, cadence: .quarterly, fiscalYearStartMonth: startMonth)
            return quarter.end == month.end ? [month, quarter] : [month]
        }
    }

    /// The handler of the weekly fire: the ISO week that ended the day before, and the aligned fortnight if it
    /// ended then too.
    @discardableResult
    public static func openWeeklyCheckIns(_ context: JobContext) async throws -> Int {
        try await open(context) { fired, startMonth in
            let yesterday = fired.adding(days: -1)
            let week = CheckInPeriod.containing(yesterday, cadence: .weekly, fiscalYearStartMonth: startMonth)
            let fortnight = CheckInPeriod.containing(yesterday, cadence: .biweekly, fiscalYearStartMonth: startMonth)
            return [week, fortnight].filter { $0.end == yesterday }
        }
    }

    /// Opens, for the job's org, the check-in of every goal that reports on one of `periods(fired day, FY start
    /// month)` — decided as of the nominal fire, so a catch-up run opens December's check-ins as of January 4th.
    private static func open(_ context: JobContext, periods: (LocalDate, Int) -> [CheckInPeriod]) async throws -> Int {
        guard let org = context.job.orgID else { return 0 }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(context.job.payload.utf8))
        guard let fired = LocalDate(iso: String(payload.nominal.prefix(10))) else { return 0 }
        return try await context.store.tenant(org) { tx in
            var facts = try await OrgFacts.load(tx, reader: nil)
            facts.today = fired
            let due = periods(fired, facts.startMonth)
            var opened = 0
            for period in due {
                // Set-based: an org's thousand goals open in a few statements, not a thousand round trips.
                let goals = try await GoalRepository.reporting(tx, cadence: period.cadence, start: period.start, end: period.end)
                opened += try await CheckInOpening.open(tx, goals: goals, period: period, facts: facts).count
            }
            context.logger.info(
                "opened check-ins", metadata: ["org": "\(org)", "periods": "\(due.map(\.description))", "opened": "\(opened)"])
            return opened
        }
    }

    /// The handlers this cadence contributes to a worker.
    public static var handlers: [String: JobHandler] {
        [jobKind: { context in _ = try await openCheckIns(context) },
         weeklyJobKind: { context in _ = try await openWeeklyCheckIns(context) },
         reviewJobKind: { context in _ = try await remindReviewers(context) }]
    }
}
