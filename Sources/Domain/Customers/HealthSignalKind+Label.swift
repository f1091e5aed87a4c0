/// A signal's name as people read it in notices and pages.
extension HealthSignalKind {
    public func label(_ locale: Organization.Locale) -> String {
        switch (self, locale) {
        case (.nps, .ja): "NPS"
        case (.nps, .en): "NPS"
        case (.openHighPriorityTickets, .ja): "未解決の緊急・高優先度チケット"
        case (.openHighPriorityTickets, .en): "Open urgent/high tickets"
        case (.daysSinceLastTouch, .ja): "最終接触からの日数"
        case (.daysSinceLastTouch, .en): "Days since last touch"
        case (.usage(let metric), .ja): "利用状況（\(metric)）"
        case (.usage(let metric), .en): "Usage (\(metric))"
        case (.checkUpAnswers, .ja): "定期検診の回答"
        case (.checkUpAnswers, .en): "Check-up answers"
        case (.goalSheetProgress, .ja): "ゴールシートの進捗"
        case (.goalSheetProgress, .en): "Goal-sheet progress"
        case (.checkUpsUnanswered, .ja): "未回答の定期検診"
        case (.checkUpsUnanswered, .en): "Unanswered check-ups"
        }
    }
}

/// Numbers in health notices, without Foundation's formatter: one decimal, or whole.
enum HealthFormatting {
    static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let sign = tenths < 0 ? "-" : ""
        let magnitude = Int(abs(tenths))
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    static func whole(_ value: Double) -> String { "\(Int(value.rounded()))" }
}
