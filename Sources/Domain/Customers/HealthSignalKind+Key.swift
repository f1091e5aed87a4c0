/// Reading a signal kind back from its stable key (`description`): what the API and the stored models say.
extension HealthSignalKind {
    /// The kinds a model may name besides `usage:<metric>`, for messages that list them.
    public static let namedKeys = [
        "nps", "open_high_priority_tickets", "days_since_last_touch", "check_up_answers", "check_ups_unanswered", "goal_sheet_progress",
    ]

    /// `nps`, `open_high_priority_tickets`, `days_since_last_touch`, `check_up_answers`, `check_ups_unanswered`,
    /// `goal_sheet_progress`, or
    /// `usage:<metric>` with a metric name as imports store it (`^[a-z][a-z0-9_]{0,39}$`); `nil` for anything else.
    public init?(key: String) {
        switch key {
        case "nps": self = .nps
        case "open_high_priority_tickets": self = .openHighPriorityTickets
        case "days_since_last_touch": self = .daysSinceLastTouch
        case "check_up_answers": self = .checkUpAnswers
        case "goal_sheet_progress": self = .goalSheetProgress
        case "check_ups_unanswered": self = .checkUpsUnanswered
        default:
            guard key.hasPrefix("usage:") else { return nil }
            let metric = String(key.dropFirst("usage:".count))
            guard Self.isMetricName(metric) else { return nil }
            self = .usage(metric: metric)
        }
    }

    /// A usage metric's name as `usage_metric.metric` allows it.
    public static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...40).contains(name.unicodeScalars.count),
              ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The metric of a usage signal.
    public var usageMetric: String? {
        if case .usage(let metric) = self { return metric }
        return nil
    }
}
