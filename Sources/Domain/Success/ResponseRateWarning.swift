/// Whether a check-up's response rate stays below the org's threshold (issue 15: default 30 % over three months).
///
/// The rule: the **combined** rate — answers ÷ sends, added up — over the **last three complete calendar months**
/// before the current one is below the threshold. Why combined rather than "each month below": a CSM sends a few
/// check-ups a month, so one month's rate swings on a single answer (1 of 3 is 33 %) and an "every month below"
/// rule would let a quarter at 10 % pass because one month got lucky; a month without sends would also have no
/// rate to be below. Adding counts weighs every send equally, as seed 002's "about 20 %" did. Why complete
/// months: the current month's sends have not had their time to be answered, and counting them would warn every
/// 1st of the month. Fewer than `minimumSends` sends in the window give no verdict: three unanswered mails are not
/// yet a failed check-up.
public enum ResponseRateWarning {
    public enum Verdict: Sendable, Equatable {
        /// Too few sends in the window to judge.
        case notEnoughSends(ResponseRate)
        case fine(ResponseRate)
        case below(ResponseRate)

        public var isWarning: Bool { if case .below = self { true } else { false } }
    }

    /// The three complete months before `current`, oldest first.
    public static func window(before current: YearMonth) -> [YearMonth] { (1...3).reversed().map { current.adding(months: -$0) } }

    public static func verdict(
        monthly: [YearMonth: ResponseRate], current: YearMonth, thresholdPercent: Int = CheckUpSettings.defaultThresholdPercent,
        minimumSends: Int = 1
    ) -> Verdict {
        let combined = window(before: current).reduce(ResponseRate.zero) { $0 + (monthly[$1] ?? .zero) }
        guard combined.sent >= max(1, minimumSends) else { return .notEnoughSends(combined) }
        return combined.isBelow(thresholdPercent: thresholdPercent) ? .below(combined) : .fine(combined)
    }
}
