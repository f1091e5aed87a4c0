public import Foundation

/// Health-grade distribution by process and version, with the A/B share — the comparison that convinced seed
/// 000's managers that the unified process works. Customers on no process form their own group, the baseline
/// the others are read against. Health is the KGI here; the process is judged by it, not the people by the process.
public enum HealthByProcess {
    /// A customer's current grade and the process version it is on (`nil`s: on none).
    public struct Customer: Sendable, Equatable {
        public var customerID: UUID
        public var processID: UUID?
        public var versionNumber: Int?
        /// `nil`: not scored yet — counted as unscored, never as a grade.
        public var grade: HealthGrade?

        public init(customerID: UUID, processID: UUID?, versionNumber: Int?, grade: HealthGrade?) {
            (self.customerID, self.processID, self.versionNumber, self.grade) = (customerID, processID, versionNumber, grade)
        }
    }

    public struct Row: Sendable, Equatable {
        /// `nil` with `versionNumber` `nil`: customers on no process.
        public var processID: UUID?
        public var versionNumber: Int?
        public var a = 0, b = 0, c = 0, d = 0
        public var unscored = 0

        public var scored: Int { a + b + c + d }
        /// Share of A and B among the scored (0–1); `nil` when none was scored.
        public var abShare: Double? { scored > 0 ? Double(a + b) / Double(scored) : nil }

        public func count(_ grade: HealthGrade) -> Int {
            switch grade {
            case .a: a
            case .b: b
            case .c: c
            case .d: d
            }
        }
    }

    /// One row per (process, version) that has customers, by process id then version; the no-process row last.
    public static func rows(_ customers: [Customer]) -> [Row] {
        struct Key: Hashable { var process: UUID?, version: Int? }
        var table: [Key: Row] = [:]
        for customer in customers {
            let key = customer.processID == nil ? Key(process: nil, version: nil) : Key(process: customer.processID, version: customer.versionNumber)
            var row = table[key] ?? Row(processID: key.process, versionNumber: key.version)
            switch customer.grade {
            case .a: row.a += 1
            case .b: row.b += 1
            case .c: row.c += 1
            case .d: row.d += 1
            case nil: row.unscored += 1
            }
            table[key] = row
        }
        return table.values.sorted { lhs, rhs in
            switch (lhs.processID, rhs.processID) {
            case (nil, nil): return false
            case (nil, _): return false
            case (_, nil): return true
            case (let l?, let r?): return (l.uuidString, lhs.versionNumber ?? 0) < (r.uuidString, rhs.versionNumber ?? 0)
            }
        }
    }
}
