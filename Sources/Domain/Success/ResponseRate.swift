/// Check-ups sent and answered, and the share answered — a first-class figure (seed 002: the check-up was judged
/// by it). Rates are combined by adding counts, never by averaging rates, so a month of 2 sends weighs less than
/// a month of 200.
public struct ResponseRate: Sendable, Hashable, Codable {
    public var sent: Int
    public var answered: Int

    public init(sent: Int, answered: Int) { (self.sent, self.answered) = (sent, answered) }

    public static let zero = ResponseRate(sent: 0, answered: 0)

    /// Answered ÷ sent (0–1); `nil` when nothing was sent — "no check-ups" is not "nobody answered".
    public var rate: Double? { sent > 0 ? Double(answered) / Double(sent) : nil }
    public var percent: Double? { rate.map { $0 * 100 } }

    /// Whether the rate is below `thresholdPercent`, decided in integers (30 % of 10 sends is exactly 3 answers,
    /// which is not below). `false` when nothing was sent.
    public func isBelow(thresholdPercent: Int) -> Bool { sent > 0 && answered * 100 < thresholdPercent * sent }

    public static func + (lhs: ResponseRate, rhs: ResponseRate) -> ResponseRate {
        ResponseRate(sent: lhs.sent + rhs.sent, answered: lhs.answered + rhs.answered)
    }
}
