public import Foundation

/// The program hours a CSM can give in a calendar month, set by their manager (issue 15; default 120 h). Program
/// hours are shown against it so a manager sees who is carrying too many programs before enrolling another.
public struct CSMCapacity: Sendable, Equatable, Codable {
    public static let defaultMonthlyMinutes = 120 * 60

    public var memberID: UUID
    public var monthlyMinutes: Int

    public init(memberID: UUID, monthlyMinutes: Int = defaultMonthlyMinutes) { (self.memberID, self.monthlyMinutes) = (memberID, monthlyMinutes) }

    public var monthlyHours: Double { Double(monthlyMinutes) / 60 }

    /// A manager's setting: 0 (takes no programs) to 744 hours, the hours of a 31-day month.
    public func validated() throws -> CSMCapacity {
        guard (0...(744 * 60)).contains(monthlyMinutes) else {
            throw DomainError(.invalid, "a monthly capacity is 0 to 744 hours", field: "monthly_minutes")
        }
        return self
    }

    /// The CSM's program hours of calendar month `month` — from every program they run, whichever program month
    /// each day falls in — against the capacity.
    public func load(in month: YearMonth, entries: [HourBudget.Entry]) -> BudgetUse {
        let used = entries.lazy.filter { YearMonth($0.on) == month }.map(\.minutes).reduce(0, +)
        return BudgetUse(usedMinutes: used, limitMinutes: monthlyMinutes)
    }
}
