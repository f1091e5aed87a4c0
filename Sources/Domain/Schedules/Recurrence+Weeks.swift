import Foundation

/// The rules that repeat by the week (weekly, fortnightly), whose dates may move off or drop on closed days.
extension Recurrence {
    /// How far `next(after:)` looks before answering `never`: two years, which only a calendar closed on every one
    /// of the rule's days for that long (or a rule that skips closed days on weekend days only) reaches.
    static let weekSearchDays = 2 * 366 + 14

    /// The weekdays of a weekly or fortnightly rule.
    var listedWeekdays: Set<Int> {
        switch self {
        case .weekly(let weekdays, _, _), .fortnightly(let weekdays, _, _, _): weekdays
        default: []
        }
    }

    /// Whether `day` is one of the rule's own dates, before any move.
    func isListed(_ day: LocalDate) -> Bool {
        switch self {
        case .weekly(let weekdays, _, _): weekdays.contains(day.weekday)
        case .fortnightly(let weekdays, let anchor, _, _): weekdays.contains(day.weekday) && Self.isOnWeek(day, anchor: anchor)
        default: false
        }
    }

    /// Whether `day`'s Monday-start week is an even number of weeks from `anchor`'s, before or after it.
    static func isOnWeek(_ day: LocalDate, anchor: LocalDate) -> Bool {
        let monday = day.daysSinceEpoch - (day.weekday - 1), anchorMonday = anchor.daysSinceEpoch - (anchor.weekday - 1)
        return ((monday - anchorMonday) / 7) % 2 == 0
    }

    /// A listed date as it takes place: moved, or nil when skipped. A calendar without business days cannot move a
    /// date (the move would not end), so it stays, as `monthlyDay` does; skipping then leaves nothing.
    static func effective(_ day: LocalDate, _ rule: OnClosedDay?, _ business: BusinessCalendar) -> LocalDate? {
        switch rule {
        case nil: day
        case .skip: business.isBusinessDay(day) ? day : nil
        case .shift(let direction): business.hasBusinessDays ? business.shift(day, to: direction) : day
        }
    }

    func nextInWeeks(
        after instant: Date, from start: LocalDate, at time: LocalTime, _ rule: OnClosedDay?, _ civil: Calendar,
        _ business: BusinessCalendar
    ) -> Occurrence {
        if case .skip? = rule, !business.hasBusinessDays || listedWeekdays.isSubset(of: business.weekendDays) { return Self.never }
        // A move keeps the order of dates (a later listed date never lands before an earlier one's), so the first
        // listed date whose occurrence falls after `instant` is the answer. Moving back can bring a date from after
        // `start` to before it, which the check below drops; moving forward can bring one from before `start` to
        // after it, so the scan starts at the last business day before `start`: no earlier date moves past it.
        var day = start.adding(days: -1)
        if case .shift(.next)? = rule, business.hasBusinessDays {
            while !business.isBusinessDay(day) { day = day.adding(days: -1) }
        }
        let end = day.adding(days: Self.weekSearchDays)
        while day < end {
            if isListed(day), let date = Self.effective(day, rule, business) {
                let occurrence = Self.occurrence(date, time, civil)
                if occurrence.instant > instant { return occurrence }
            }
            day = day.adding(days: 1)
        }
        return Self.never
    }

    /// The inverse of the move, for checking the search: `day` takes place when it is listed and kept, or when it
    /// is the business day that the listed closed days just before it (moving forward) or after it (moving back)
    /// move to.
    func matchesInWeeks(_ day: LocalDate, _ rule: OnClosedDay?, _ business: BusinessCalendar) -> Bool {
        switch rule {
        case nil: return isListed(day)
        case .skip: return isListed(day) && business.isBusinessDay(day)
        case .shift(let direction):
            guard business.hasBusinessDays else { return isListed(day) }
            guard business.isBusinessDay(day) else { return false }
            if isListed(day) { return true }
            let step = direction == .next ? -1 : 1
            var other = day.adding(days: step)
            while !business.isBusinessDay(other) {
                if isListed(other) { return true }
                other = other.adding(days: step)
            }
            return false
        }
    }
}
