public import Foundation

/// How long each step of a process version takes, over the customers who completed it: median and 75th
/// percentile in days, computed as PostgreSQL's `percentile_cont` does (``TicketMetrics/percentile(_:of:)``) so a
/// figure from SQL and one from here agree. Steps still in progress are left out — their time is not known yet
/// (``ProcessStalls`` is about those).
public enum StepLeadTimes {
    public struct Row: Sendable, Equatable {
        public var stepID: UUID
        public var expectedDays: Int
        public var completed: Int
        public var median: Double?
        public var p75: Double?
    }

    /// One row per step of `version`, in step order; progresses on other versions are ignored.
    public static func rows(_ progresses: [ProcessProgress], version: ProcessVersion) -> [Row] {
        var days: [UUID: [Double]] = [:]
        for progress in progresses where progress.versionID == version.id {
            // The current step's span has no completion and no lead time; `today` is never read for completed ones.
            for span in progress.spans(in: version) where span.completedOn != nil {
                days[span.step.id, default: []].append(Double(span.days(today: span.startedOn)))
            }
        }
        return version.steps.map { step in
            let values = days[step.id] ?? []
            return Row(stepID: step.id, expectedDays: step.expectedDays, completed: values.count,
                       median: TicketMetrics.percentile(0.5, of: values), p75: TicketMetrics.percentile(0.75, of: values))
        }
    }
}
