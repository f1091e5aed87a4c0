import Domain

/// Recurrences in words, made in Swift as dates are, so a schedule's and a meeting body's cadence read the same on
/// every page: `毎月第2火曜日 10:00（休業日なら前営業日）` / `2nd Tuesday of each month, 10:00 (previous business day if
/// closed)`, `隔週木曜日 10:00` / `Every other Thursday, 10:00`.
extension PageFormat {
    private static let japaneseDays = ["月", "火", "水", "木", "金", "土", "日"]
    private static let englishDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    func recurrence(_ rule: Recurrence) -> String {
        switch language {
        case .ja: Self.japanese(rule)
        case .en: Self.english(rule)
        }
    }

    private static func japanese(_ rule: Recurrence) -> String {
        func days(_ weekdays: Set<Int>) -> String { weekdays.sorted().map { japaneseDays[$0 - 1] }.joined(separator: "・") }
        func moved(_ shift: BusinessCalendar.Shift?) -> String {
            switch shift {
            case nil: ""
            case .previous?: "（休業日なら前営業日）"
            case .next?: "（休業日なら翌営業日）"
            }
        }
        func closed(_ rule: Recurrence.OnClosedDay?) -> String {
            switch rule {
            case nil: ""
            case .shift(let shift)?: moved(shift)
            case .skip?: "（休業日は除く）"
            }
        }
        switch rule {
        case .monthlyDay(let day, let at, let shift): return "毎月\(day)日 \(at)" + moved(shift)
        case .nthWeekday(let n, let weekday, let at, let shift):
            return (n < 0 ? "毎月最終\(japaneseDays[weekday - 1])曜日 \(at)" : "毎月第\(n)\(japaneseDays[weekday - 1])曜日 \(at)") + moved(shift)
        case .nthBusinessDay(let n, let at):
            if n == -1 { return "毎月最終営業日 \(at)" }
            return n < 0 ? "毎月最終から\(-n)番目の営業日 \(at)" : "毎月第\(n)営業日 \(at)"
        case .weekly(let weekdays, let at, let rule):
            return (weekdays.count == 7 ? "毎日 \(at)" : "毎週\(days(weekdays))曜日 \(at)") + closed(rule)
        case .fortnightly(let weekdays, _, let at, let rule): return "隔週\(days(weekdays))曜日 \(at)" + closed(rule)
        case .everyMinutes(let n): return "\(n)分ごと"
        }
    }

    private static func english(_ rule: Recurrence) -> String {
        func days(_ weekdays: Set<Int>) -> String {
            let names = weekdays.sorted().map { englishDays[$0 - 1] }
            guard names.count > 1 else { return names.joined() }
            return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
        func moved(_ shift: BusinessCalendar.Shift?) -> String {
            switch shift {
            case nil: ""
            case .previous?: " (previous business day if closed)"
            case .next?: " (next business day if closed)"
            }
        }
        func closed(_ rule: Recurrence.OnClosedDay?) -> String {
            switch rule {
            case nil: ""
            case .shift(let shift)?: moved(shift)
            case .skip?: " (skipped if closed)"
            }
        }
        switch rule {
        case .monthlyDay(let day, let at, let shift): return "\(ordinal(day)) of each month, \(at)" + moved(shift)
        case .nthWeekday(let n, let weekday, let at, let shift):
            return "\(n < 0 ? "Last" : ordinal(n)) \(englishDays[weekday - 1]) of each month, \(at)" + moved(shift)
        case .nthBusinessDay(let n, let at):
            if n == -1 { return "Last business day of each month, \(at)" }
            return n < 0 ? "\(ordinal(-n))-to-last business day of each month, \(at)" : "\(ordinal(n)) business day of each month, \(at)"
        case .weekly(let weekdays, let at, let rule):
            return (weekdays.count == 7 ? "Every day, \(at)" : "Every \(days(weekdays)), \(at)") + closed(rule)
        case .fortnightly(let weekdays, _, let at, let rule): return "Every other \(days(weekdays)), \(at)" + closed(rule)
        case .everyMinutes(let n): return n == 1 ? "Every minute" : "Every \(n) minutes"
        }
    }

    /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
    private static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }
}
