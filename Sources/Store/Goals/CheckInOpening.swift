public import Database
public import Domain
public import Foundation

/// Opens the check-in of a goal for a period — from the owner's first write or from the scheduler — with its days
/// from the org's business calendar and its reviewer from the reporting line, and, in the same transaction,
/// queues its reminders: to the owner 2 business days before the due day and on it, and the escalation to the
/// reviewer 1 business day after (DESIGN §2), each at the org's opening time. Opening twice returns the same
/// check-in and queues nothing more.
public enum CheckInOpening {
    public static let reminderJobKind = "goals.check_in_reminder"

    /// The reminders of a check-in: kind and local day.
    public static func reminders(dueOn: LocalDate, calendar: BusinessCalendar) -> [(kind: NotificationMessage.Kind, day: LocalDate)] {
        [(.checkInDueSoon, calendar.businessDays(from: dueOn, adding: -2)), (.checkInDue, dueOn),
         (.checkInOverdue, calendar.businessDays(from: dueOn, adding: 1))]
    }

    public static func open(_ tx: TenantTransaction, goal: Goal, period: CheckInPeriod, facts: OrgFacts) async throws
        -> (CheckIn, Bool)
    {
        let schedule = CheckInSchedule(period: period, settings: facts.settings, calendar: facts.calendar)
        let reviewer = try await ReviewerLookup.reviewer(tx, goal: goal, on: facts.today)
        var (checkIn, created) = try await CheckInRepository.open(
            tx, goalID: goal.id, period: period, schedule: schedule, reviewerID: reviewer)
        if created {
            try await JobRepository.enqueue(tx, reminderJobs(for: [checkIn], org: tx.org, facts: facts))
            // A KPI bound to a computed metric (GRR, NRR, NPS, A/B share) gets its actual filled as it opens.
            if goal.boundMetric != nil { checkIn = try await BoundMetricRepository.fill(tx, goal: goal, checkIn: checkIn).checkIn }
        }
        return (checkIn, created)
    }

    /// Opens the check-ins of many goals for one period — the scheduler's monthly fan-out — set-based: a reviewer
    /// look-up per distinct owner and team (goals of one owner share a reviewer), one statement for every check-in
    /// and one for all their reminders. Goals that already have their check-in are skipped, so a retried or second
    /// run opens nothing more. Returns the check-ins it opened.
    public static func open(_ tx: TenantTransaction, goals: [Goal], period: CheckInPeriod, facts: OrgFacts) async throws
        -> [CheckIn]
    {
        guard !goals.isEmpty else { return [] }
        let schedule = CheckInSchedule(period: period, settings: facts.settings, calendar: facts.calendar)
        struct Line: Hashable { var owner: UUID, team: UUID?, company: UUID? }
        var reviewers: [Line: UUID?] = [:]
        var rows: [(goalID: UUID, reviewerID: UUID?)] = []
        rows.reserveCapacity(goals.count)
        for goal in goals {
            let line = Line(owner: goal.ownerID, team: goal.teamID, company: goal.companyID)
            if reviewers[line] == nil {
                reviewers[line] = .some(try await ReviewerLookup.reviewer(tx, goal: goal, on: facts.today))
            }
            rows.append((goal.id, reviewers[line]!))
        }
        var opened: [CheckIn] = []
        // Statements of at most 5,000 check-ins (15,000 reminders) keep the parameter arrays modest.
        for start in stride(from: 0, to: rows.count, by: 5000) {
            let chunk = try await CheckInRepository.open(
                tx, goals: Array(rows[start..<min(start + 5000, rows.count)]), period: period, schedule: schedule)
            try await JobRepository.enqueue(tx, reminderJobs(for: chunk, org: tx.org, facts: facts))
            opened += chunk
        }
        // Bound KPIs (few: one per figure a tree tracks) get their actual filled as they open.
        let bound = Dictionary(goals.filter { $0.boundMetric != nil }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if !bound.isEmpty {
            for (index, checkIn) in opened.enumerated() {
                guard let goal = bound[checkIn.goalID] else { continue }
                opened[index] = try await BoundMetricRepository.fill(tx, goal: goal, checkIn: checkIn).checkIn
            }
        }
        return opened
    }

    /// The three reminder jobs of each check-in, at the org's opening time on their days, unique per
    /// (check-in, kind).
    static func reminderJobs(for checkIns: [CheckIn], org: UUID, facts: OrgFacts) -> [NewJob] {
        let zone = Organization.zone(facts.timeZone)
        let time = LocalTime(hour: facts.settings.openMinuteOfDay / 60, minute: facts.settings.openMinuteOfDay % 60)!
        var jobs: [NewJob] = []
        jobs.reserveCapacity(checkIns.count * 3)
        for checkIn in checkIns {
            let id = checkIn.id.uuidString.lowercased()
            for reminder in reminders(dueOn: checkIn.dueOn, calendar: facts.calendar) {
                jobs.append(NewJob(
                    kind: reminderJobKind, payload: #"{"check_in_id":"\#(id)","kind":"\#(reminder.kind.rawValue)"}"#, orgID: org,
                    maxAttempts: 5, runAt: Recurrence.instant(reminder.day, time, in: zone),
                    uniqueKey: "reminder:\(id):\(reminder.kind.rawValue)"))
            }
        }
        return jobs
    }
}
