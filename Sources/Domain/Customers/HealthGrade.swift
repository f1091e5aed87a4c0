/// A customer's health grade, `A` (best) to `D` (worst). `Comparable` by health: `D < C < B < A`, so "the grade
/// dropped" is `current < previous`.
public enum HealthGrade: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case a = "A", b = "B", c = "C", d = "D"

    /// 4 for A … 1 for D: the order the back-test ranks risk by.
    public var rank: Int {
        switch self {
        case .a: 4
        case .b: 3
        case .c: 2
        case .d: 1
        }
    }

    public static func < (lhs: HealthGrade, rhs: HealthGrade) -> Bool { lhs.rank < rhs.rank }
}

/// Where a health total turns into a grade: `A` from `a` up, `B` from `b`, `C` from `c`, `D` below `c`.
public struct GradeThresholds: Hashable, Sendable, Codable {
    public let a: Double
    public let b: Double
    public let c: Double

    /// Each threshold within 0–100 and strictly descending (`a > b > c`), otherwise
    /// `DomainError(.invalid, field: "thresholds.a" / ".b" / ".c")` naming the first offending one — equal
    /// thresholds would make a grade unreachable, which an admin would only discover when nobody ever gets it.
    public init(a: Double, b: Double, c: Double) throws {
        for (name, value) in [("a", a), ("b", b), ("c", c)] where !(value.isFinite && (0...100).contains(value)) {
            throw DomainError(.invalid, "the grade \(name.uppercased()) threshold must be within 0–100", field: "thresholds.\(name)")
        }
        guard a > b else {
            throw DomainError(.invalid, "the A threshold must be above the B threshold", field: "thresholds.a")
        }
        guard b > c else {
            throw DomainError(.invalid, "the B threshold must be above the C threshold", field: "thresholds.b")
        }
        self.a = a
        self.b = b
        self.c = c
    }

    /// The grade of `total`. A total within 1e-9 below a threshold counts as reaching it: contributions are
    /// summed in floating point, and 0.3 × 50 + 0.7 × 50 must grade as 50, not as 49.99999999.
    public func grade(_ total: Double) -> HealthGrade {
        let t = total + 1e-9
        if t >= a { return .a }
        if t >= b { return .b }
        if t >= c { return .c }
        return .d
    }

    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case a, b, c }
        let container = try decoder.container(keyedBy: Keys.self)
        try self.init(a: container.decode(Double.self, forKey: .a), b: container.decode(Double.self, forKey: .b),
                      c: container.decode(Double.self, forKey: .c))
    }
}
