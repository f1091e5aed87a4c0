public import Foundation

/// What a running program should remind its CSM of on a given day (issue 15): a session in 3 days, a
/// presentation not yet scheduled once month 2 has begun, a goal sheet not agreed 2 weeks after the start. Pure:
/// the scheduler calls it daily in the org's time zone and keys each reminder (``Reminder/key``) so it goes once.
public enum ProgramReminders {
    public enum Reminder: Sendable, Hashable {
        case sessionSoon(sessionID: UUID, on: LocalDate)
        case presentationNotScheduled
        case goalSheetNotAgreed

        /// The once-only key within an enrolment: a session's reminder per planned day (moving the session
        /// re-arms it), the others once per program.
        public var key: String {
            switch self {
            case .sessionSoon(let id, let on): "session_soon:\(id.uuidString.lowercased()):\(on)"
            case .presentationNotScheduled: "presentation_not_scheduled"
            case .goalSheetNotAgreed: "goal_sheet_not_agreed"
            }
        }
    }

    public static let sessionLeadDays = 3
    public static let goalSheetGraceDays = 14

    public static func due(enrolment: Enrolment, sessions: [ProgramSession], goalSheet: GoalSheet?, today: LocalDate) -> [Reminder] {
        guard enrolment.isRunning(on: today) else { return [] }
        var due: [Reminder] = []
        let soon = today.adding(days: sessionLeadDays)
        for session in sessions where session.enrolmentID == enrolment.id && !session.isHeld && session.plannedOn == soon {
            due.append(.sessionSoon(sessionID: session.id, on: soon))
        }
        let presentationPlanned = enrolment.presentation != nil
            || sessions.contains { $0.enrolmentID == enrolment.id && $0.kind == .presentation }
        if enrolment.months >= 2, let month = enrolment.calendar.programMonth(of: today), month >= 2, !presentationPlanned {
            due.append(.presentationNotScheduled)
        }
        if today >= enrolment.startDate.adding(days: goalSheetGraceDays), goalSheet?.isAgreed != true {
            due.append(.goalSheetNotAgreed)
        }
        return due
    }
}
