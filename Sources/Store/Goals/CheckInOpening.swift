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

    public static func open(_ tx: Transaction, org: UUID, goal: Goal, period: CheckInPeriod, facts: OrgCalendar) async throws
        -> (CheckIn, Bool)
    {
        let schedule = CheckInSchedule(period: period, settings: facts.settings, calendar: facts.calendar)
        let reviewer = try await ReviewerLookup.reviewer(tx, org: org, goal: goal, on: facts.today)
        let (checkIn, created) = try await CheckInRepository.open(
            tx, org: org, goalID: goal.id, period: period, schedule: schedule, reviewerID: reviewer)
        if created {
            let zone = TimeZone(identifier: facts.timeZone) ?? TimeZone(identifier: "Asia/Tokyo")!
            let time = LocalTime(hour: facts.settings.openMinuteOfDay / 60, minute: facts.settings.openMinuteOfDay % 60)!
            for reminder in reminders(dueOn: checkIn.dueOn, calendar: facts.calendar) {
                let id = checkIn.id.uuidString.lowercased()
                try await JobRepository.enqueue(
                    tx,
                    NewJob(
                        kind: reminderJobKind, payload: #"{"check_in_id":"\#(id)","kind":"\#(reminder.kind.rawValue)"}"#, orgID: org,
                        maxAttempts: 5, runAt: Recurrence.instant(reminder.day, time, in: zone),
                        uniqueKey: "reminder:\(id):\(reminder.kind.rawValue)"))
            }
        }
        return (checkIn, created)
    }
}
