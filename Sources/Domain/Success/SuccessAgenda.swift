public import Foundation

/// The success programs' sections of a meeting agenda, plugged into the meetings' extension point
/// (``AgendaGenerator/extension(_:)``): a team's weekly meeting sees the program sessions and success presentations
/// coming up, and the programs that need a push — a goal sheet still not agreed two weeks in, a presentation still
/// not scheduled once month 2 has begun (the same rules as ``ProgramReminders``, which nudge the CSM alone).
public enum SuccessAgenda {
    /// Program sessions coming up, and goal sheets not yet agreed.
    public static let programSessions = "program_sessions"
    /// Success presentations coming up, and programs whose presentation is not yet scheduled.
    public static let successPresentations = "success_presentations"
    /// The extensions this part answers.
    public static let names: Set<String> = [programSessions, successPresentations]

    /// How far past the meeting a session or presentation still counts as coming up: the meeting should see the
    /// next two weeks, whatever its own cadence.
    public static let horizonDays = 14

    /// One running program with what the agenda needs to say about it.
    public struct Program: Sendable, Equatable {
        public var enrolment: Enrolment
        public var customerName: String
        public var placement: AgendaFacts.Placement
        /// Who reads the item whatever their scope: the customer's owner and sales owner, the program's CSM.
        public var people: [UUID]
        public var csmName: String
        public var sessions: [ProgramSession]
        public var goalSheet: GoalSheet?

        public init(
            enrolment: Enrolment, customerName: String, placement: AgendaFacts.Placement, people: [UUID], csmName: String,
            sessions: [ProgramSession], goalSheet: GoalSheet?
        ) {
            (self.enrolment, self.customerName, self.placement, self.people, self.csmName, self.sessions, self.goalSheet) =
                (enrolment, customerName, placement, people, csmName, sessions, goalSheet)
        }
    }

    /// The items of extension `name` for an agenda written on `today` for a meeting on `meetingDay`; `nil` for an
    /// extension this part does not answer.
    public static func items(_ name: String, programs: [Program], today: LocalDate, meetingDay: LocalDate) -> [AgendaDraftItem]? {
        let horizon = max(today, meetingDay).adding(days: horizonDays)
        // Programs on their months only, as their reminders: one past its end without a result is the CSM's to close.
        let running = programs.filter { $0.enrolment.isRunning(on: today) }
            .sorted { ($0.customerName, $0.enrolment.id) < ($1.customerName, $1.enrolment.id) }
        switch name {
        case programSessions:
            var upcoming: [(LocalDate, AgendaDraftItem)] = []
            var unagreed: [AgendaDraftItem] = []
            for program in running {
                for session in program.sessions where !session.isHeld {
                    guard let day = session.plannedOn, day >= today, day <= horizon else { continue }
                    upcoming.append((day, item(program, reason: AgendaReason("program_session_planned", [
                        "kind": session.kind.rawValue, "date": day.description, "days_left": String(today.days(to: day)),
                        "csm": program.csmName,
                    ]), fingerprint: "program_session:\(session.id.uuidString.lowercased()):\(day)")))
                }
                let grace = program.enrolment.startDate.adding(days: ProgramReminders.goalSheetGraceDays)
                if today >= grace, program.goalSheet?.isAgreed != true {
                    let pending = program.goalSheet?.pendingParties ?? GoalSheetParty.allCases
                    unagreed.append(item(program, reason: AgendaReason("goal_sheet_unagreed", [
                        "days": String(program.enrolment.startDate.days(to: today)),
                        "pending": pending.map(\.rawValue).joined(separator: ","), "csm": program.csmName,
                    ]), fingerprint: "goal_sheet_unagreed:\(program.enrolment.id.uuidString.lowercased())"))
                }
            }
            return upcoming.sorted { $0.0 < $1.0 }.map(\.1) + unagreed
        case successPresentations:
            var planned: [(LocalDate, AgendaDraftItem)] = []
            var unscheduled: [AgendaDraftItem] = []
            for program in running {
                let presentation = program.enrolment.presentation
                let session = program.sessions.filter { $0.kind == .presentation && !$0.isHeld }.compactMap(\.plannedOn).min()
                if presentation?.isHeld == true { continue }
                if let day = presentation?.scheduledOn ?? session {
                    guard day >= today, day <= horizon else { continue }
                    var values = ["date": day.description, "days_left": String(today.days(to: day)), "csm": program.csmName]
                    if let audience = presentation?.audienceSize { values["audience"] = String(audience) }
                    planned.append((day, item(program, reason: AgendaReason("presentation_planned", values),
                                              fingerprint: "presentation:\(program.enrolment.id.uuidString.lowercased()):\(day)")))
                } else if program.enrolment.months >= 2, let month = program.enrolment.calendar.programMonth(of: today), month >= 2 {
                    unscheduled.append(item(program, reason: AgendaReason("presentation_unscheduled", [
                        "month": String(month), "months": String(program.enrolment.months), "csm": program.csmName,
                    ]), fingerprint: "presentation_unscheduled:\(program.enrolment.id.uuidString.lowercased())"))
                }
            }
            return planned.sorted { $0.0 < $1.0 }.map(\.1) + unscheduled
        default:
            return nil
        }
    }

    private static func item(_ program: Program, reason: AgendaReason, fingerprint: String) -> AgendaDraftItem {
        AgendaDraftItem(
            subject: AgendaSubject(.customer, program.enrolment.customerID), title: program.customerName, reason: reason,
            visibility: .customers(scope: program.placement.scope, people: program.people), fingerprint: fingerprint)
    }
}
