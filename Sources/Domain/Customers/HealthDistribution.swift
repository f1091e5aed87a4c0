/// How an org's customers spread over the grades, per group and month (issue 13; seed 000 uses the A/B share as a
/// KGI): from each customer's latest score in the month.
public struct HealthDistribution: Hashable, Sendable {
    /// One group's month.
    public struct Row: Hashable, Sendable {
        /// The group's key (an id, or `org`), as the caller grouped by.
        public let group: String
        public let month: YearMonth
        public let a: Int
        public let b: Int
        public let c: Int
        public let d: Int

        public var total: Int { a + b + c + d }
        /// Share of A and B among the scored customers (0–1); `nil` when none was scored.
        public var abShare: Double? { total == 0 ? nil : Double(a + b) / Double(total) }

        public func count(_ grade: HealthGrade) -> Int {
            switch grade {
            case .a: a
            case .b: b
            case .c: c
            case .d: d
            }
        }
    }

    public let rows: [Row]

    /// Builds the rows from counts per (group, month, grade); every month of `months` appears for every group that
    /// has any count, zeros included, so a chart has no holes. Rows in group order, then month.
    public init(counts: [(group: String, month: YearMonth, grade: HealthGrade, count: Int)], months: [YearMonth]) {
        var table: [String: [YearMonth: [HealthGrade: Int]]] = [:]
        for entry in counts { table[entry.group, default: [:]][entry.month, default: [:]][entry.grade, default: 0] += entry.count }
        var rows: [Row] = []
        for group in table.keys.sorted() {
            for month in months {
                let byGrade = table[group]?[month] ?? [:]
                rows.append(Row(group: group, month: month, a: byGrade[.a] ?? 0, b: byGrade[.b] ?? 0, c: byGrade[.c] ?? 0, d: byGrade[.d] ?? 0))
            }
        }
        self.rows = rows
    }
}
