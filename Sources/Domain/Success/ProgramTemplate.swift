public import Foundation

/// A success program's plan (seed 002's GPO): how many months it runs, the hours a month it may take, and which
/// sessions fall in which month. An enrolment copies the months and budget when it starts, so editing a template
/// never changes a program already running.
public struct ProgramTemplate: Sendable, Equatable, Codable {
    /// A session the template plans, by program month.
    public struct PlannedSession: Sendable, Equatable, Codable {
        public var kind: ProgramSessionKind
        /// 1-based program month (``ProgramCalendar``).
        public var month: Int
        public var title: String

        public init(kind: ProgramSessionKind, month: Int, title: String) { (self.kind, self.month, self.title) = (kind, month, title) }
    }

    public static let defaultMonths = 3
    /// Seed 002: at most five hours a month — what a CSM can give each of several programs at once.
    public static let defaultMonthlyBudgetMinutes = 5 * 60

    public var id: UUID
    public var name: String
    public var months: Int
    public var monthlyBudgetMinutes: Int
    public var sessions: [PlannedSession]
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, name: String, months: Int = defaultMonths, monthlyBudgetMinutes: Int = defaultMonthlyBudgetMinutes,
        sessions: [PlannedSession], archivedAt: Date? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.name, self.months, self.monthlyBudgetMinutes, self.sessions) = (id, name, months, monthlyBudgetMinutes, sessions)
        (self.archivedAt, self.createdAt, self.updatedAt, self.version) = (archivedAt, createdAt, updatedAt, version)
    }

    public var monthlyBudgetHours: Double { Double(monthlyBudgetMinutes) / 60 }

    /// Seed 002's program: goal setting in month 1, pair support every month, the presentation in the last one.
    public static func standardSessions(months: Int = defaultMonths) -> [PlannedSession] {
        [PlannedSession(kind: .goalSetting, month: 1, title: "Goal setting")]
            + (1...max(1, months)).map { PlannedSession(kind: .pairSupport, month: $0, title: "Pair support") }
            + [PlannedSession(kind: .presentation, month: max(1, months), title: "Success presentation")]
    }

    /// Checks what a person typed, naming the first offending field.
    public func validated() throws -> ProgramTemplate {
        var copy = self
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(copy.name.count) else { throw DomainError(.invalid, "a template's name is 1 to 120 characters", field: "name") }
        guard (1...12).contains(months) else { throw DomainError(.invalid, "a program runs 1 to 12 months", field: "months") }
        // A quarter-hour grain: budgets are planned in hours, and a 7-minute budget would be a typo.
        guard (15...(40 * 60)).contains(monthlyBudgetMinutes), monthlyBudgetMinutes % 15 == 0 else {
            throw DomainError(.invalid, "the monthly budget is 0.25 to 40 hours, in quarter hours", field: "monthly_budget_minutes")
        }
        guard sessions.count <= 100 else { throw DomainError(.invalid, "a template plans at most 100 sessions", field: "sessions") }
        for (index, session) in sessions.enumerated() {
            guard (1...months).contains(session.month) else {
                throw DomainError(.invalid, "a session falls in program month 1 to \(months)", field: "sessions[\(index)].month")
            }
            let title = session.title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...200).contains(title.count) else {
                throw DomainError(.invalid, "a session's title is 1 to 200 characters", field: "sessions[\(index)].title")
            }
            copy.sessions[index].title = title
        }
        return copy
    }
}
