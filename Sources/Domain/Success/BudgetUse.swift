/// Hours used against a limit — a program month's budget or a CSM's monthly capacity — and how worried to be.
/// Minutes, not hours, so 80 % and 100 % are decided in exact integer arithmetic (4 h of 5 is a warning, not
/// 79.99999 %).
public struct BudgetUse: Sendable, Equatable, Codable {
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case ok
        /// From 80 % of the limit up to and including 100 %: the manager sees it coming.
        case warning
        /// Past 100 %. Never refused — the hours were worked and are recorded — but flagged to the manager.
        case over
    }

    public let usedMinutes: Int
    public let limitMinutes: Int

    public init(usedMinutes: Int, limitMinutes: Int) { (self.usedMinutes, self.limitMinutes) = (usedMinutes, limitMinutes) }

    public var usedHours: Double { Double(usedMinutes) / 60 }
    public var limitHours: Double { Double(limitMinutes) / 60 }
    /// Used as a percentage of the limit; `nil` for a zero limit (nothing to compare with).
    public var percent: Double? { limitMinutes > 0 ? Double(usedMinutes) * 100 / Double(limitMinutes) : nil }
    /// Minutes beyond the limit (0 when within it): what the manager is told about.
    public var overMinutes: Int { max(0, usedMinutes - limitMinutes) }

    /// Using exactly the whole budget is a warning, not over: seed 002's five hours are a ceiling to plan up to.
    /// A zero limit with any use is over.
    public var state: State {
        if usedMinutes > limitMinutes { return .over }
        if usedMinutes * 5 >= limitMinutes * 4, usedMinutes > 0 { return .warning }
        return .ok
    }
}
