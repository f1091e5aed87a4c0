/// A renewal's outcome from the contracts around the renewal date (issue 13), when nobody recorded it.
extension RenewalOutcome {
    /// Compares the annual recurring revenue (minor units of one currency) the customer had under contract on the
    /// renewal date with what it has the day after: nothing after → churned, less → contracted, the same → renewed,
    /// more → expanded. Amounts of different currencies are never compared (Banso never converts): the caller
    /// derives one outcome per currency and keeps the worst (``worst(_:)``).
    public static func derive(arrBefore: Int64, arrAfter: Int64?) -> RenewalOutcome {
        guard let after = arrAfter, after > 0 else { return .churned }
        if after < arrBefore { return .contracted }
        if after == arrBefore { return .renewed }
        return .expanded
    }

    /// The worst of several outcomes (churned < contracted < renewed < expanded); `nil` for none.
    public static func worst(_ outcomes: some Sequence<RenewalOutcome>) -> RenewalOutcome? {
        outcomes.min { $0.severityRank < $1.severityRank }
    }

    /// 0 for churned … 3 for expanded.
    var severityRank: Int {
        switch self {
        case .churned: 0
        case .contracted: 1
        case .renewed: 2
        case .expanded: 3
        }
    }
}
