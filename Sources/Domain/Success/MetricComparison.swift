/// How a bound measure compares a metric's value with its threshold (`seats >= 50`). Written as the operator so a
/// definition reads the way people say it.
public enum MetricComparison: String, Hashable, Sendable, Codable, CaseIterable {
    case atLeast = ">="
    case above = ">"
    case atMost = "<="
    case below = "<"
    case equal = "=="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .atLeast: value >= threshold
        case .above: value > threshold
        case .atMost: value <= threshold
        case .below: value < threshold
        case .equal: value == threshold
        }
    }
}
