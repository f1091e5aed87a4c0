/// The figures of a support report, pure: durations' median and 90th percentile as PostgreSQL's
/// `percentile_cont` computes them (linear interpolation between the closest ranks), so the domain and the SQL
/// that serves 100,000 tickets agree to the last decimal.
public enum TicketMetrics {
    /// The median and 90th percentile of a set of durations (hours); nil for an empty set.
    public struct Spread: Sendable, Equatable, Codable {
        public var median: Double
        public var p90: Double
        public var count: Int

        public init(median: Double, p90: Double, count: Int) {
            (self.median, self.p90, self.count) = (median, p90, count)
        }
    }

    /// The continuous percentile `fraction` (0…1) of `values`: the value at rank `fraction × (n − 1)` of the
    /// sorted values, interpolated between its neighbours. Nil for no values.
    public static func percentile(_ fraction: Double, of values: [Double]) -> Double? {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let rank = min(max(fraction, 0), 1) * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = Int(rank.rounded(.up))
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - Double(lower))
    }

    public static func spread(of values: [Double]) -> Spread? {
        guard let median = percentile(0.5, of: values), let p90 = percentile(0.9, of: values) else { return nil }
        return Spread(median: median, p90: p90, count: values.filter(\.isFinite).count)
    }

    /// Reopened tickets as a share (0…1) of the tickets counted; nil when none were.
    public static func rate(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }
}
