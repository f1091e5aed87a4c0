public import Database
public import Domain
public import Foundation

/// Opens the check-in of a goal for a period — from the owner's first write now, from the scheduler later — with
/// its days from the org's business calendar and its reviewer from the reporting line. Opening twice returns the
/// same check-in.
public enum CheckInOpening {
    public static func open(_ tx: Transaction, org: UUID, goal: Goal, period: CheckInPeriod, facts: OrgCalendar) async throws
        -> (CheckIn, Bool)
    {
        let schedule = CheckInSchedule(period: period, settings: facts.settings, calendar: facts.calendar)
        let reviewer = try await ReviewerLookup.reviewer(tx, org: org, goal: goal, on: facts.today)
        return try await CheckInRepository.open(tx, org: org, goalID: goal.id, period: period, schedule: schedule, reviewerID: reviewer)
    }
}
