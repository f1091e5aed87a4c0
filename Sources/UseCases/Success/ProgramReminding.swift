public import Domain
public import Foundation
public import Store

/// The daily nudges of running success programs (``ProgramReminders``): a session in 3 days, a presentation not
/// scheduled once month 2 has begun, a goal sheet not agreed two weeks in — each told to the program's CSM once
/// (its key is kept in program_reminder_sent), so a rerun of the day, a second worker or a missed day caught up
/// later sends nothing twice.
public enum ProgramReminding {
    /// Reminds for the org of `tx` as of its local today; answers how many reminders went out.
    @discardableResult
    public static func run(_ tx: TenantTransaction, now: Date) async throws -> Int {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        var locales: [UUID: Organization.Locale] = [:]
        var sent = 0
        for program in try await SuccessAgendaRepository.programs(tx, scope: .org) {
            let due = ProgramReminders.due(enrolment: program.enrolment, sessions: program.sessions, goalSheet: program.goalSheet, today: today)
            for reminder in due {
                guard try await EnrolmentRepository.markSent(tx, enrolment: program.enrolment.id, key: reminder.key) else { continue }
                let csm = program.enrolment.csmID
                if locales[csm] == nil { locales[csm] = try await GoalSettingsRepository.calendarFacts(tx, reader: csm).locale }
                var kind: ProgramSessionKind?
                if case .sessionSoon(let id, _) = reminder { kind = program.sessions.first { $0.id == id }?.kind }
                try await NotificationRepository.deliver(
                    tx, to: csm,
                    .programReminder(reminder, customer: program.customerName, sessionKind: kind, locale: locales[csm] ?? .ja),
                    subjectType: "enrolment", subjectID: program.enrolment.id, now: now)
                sent += 1
            }
        }
        return sent
    }
}
