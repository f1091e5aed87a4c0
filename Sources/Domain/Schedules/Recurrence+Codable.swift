/// Recurrences as JSON: `{"type": "nth_business_day", "n": 1, "at": "09:00"}`, `{"type": "monthly_day", "day": 25,
/// "at": "10:00", "shift": "previous"}`, `{"type": "nth_weekday", "n": -1, "weekday": 5, "at": "17:00"}`,
/// `{"type": "weekly", "weekdays": [1, 4], "at": "08:30"}`, `{"type": "every_minutes", "minutes": 15}`.
extension Recurrence: Codable {
    enum Kind: String, Codable {
        case monthlyDay = "monthly_day"
        case nthWeekday = "nth_weekday"
        case nthBusinessDay = "nth_business_day"
        case weekly
        case everyMinutes = "every_minutes"
    }

    enum CodingKeys: String, CodingKey {
        case type, day, at, shift, n, weekday, weekdays, minutes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .type) {
        case .monthlyDay:
            self = .monthlyDay(
                day: try c.decode(Int.self, forKey: .day), at: try c.decode(LocalTime.self, forKey: .at),
                shift: try c.decodeIfPresent(BusinessCalendar.Shift.self, forKey: .shift))
        case .nthWeekday:
            self = .nthWeekday(n: try c.decode(Int.self, forKey: .n), weekday: try c.decode(Int.self, forKey: .weekday), at: try c.decode(LocalTime.self, forKey: .at))
        case .nthBusinessDay:
            self = .nthBusinessDay(n: try c.decode(Int.self, forKey: .n), at: try c.decode(LocalTime.self, forKey: .at))
        case .weekly:
            self = .weekly(weekdays: Set(try c.decode([Int].self, forKey: .weekdays)), at: try c.decode(LocalTime.self, forKey: .at))
        case .everyMinutes:
            self = .everyMinutes(try c.decode(Int.self, forKey: .minutes))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .monthlyDay(let day, let at, let shift):
            try c.encode(Kind.monthlyDay, forKey: .type)
            try c.encode(day, forKey: .day)
            try c.encode(at, forKey: .at)
            try c.encodeIfPresent(shift, forKey: .shift)
        case .nthWeekday(let n, let weekday, let at):
            try c.encode(Kind.nthWeekday, forKey: .type)
            try c.encode(n, forKey: .n)
            try c.encode(weekday, forKey: .weekday)
            try c.encode(at, forKey: .at)
        case .nthBusinessDay(let n, let at):
            try c.encode(Kind.nthBusinessDay, forKey: .type)
            try c.encode(n, forKey: .n)
            try c.encode(at, forKey: .at)
        case .weekly(let weekdays, let at):
            try c.encode(Kind.weekly, forKey: .type)
            try c.encode(weekdays.sorted(), forKey: .weekdays)
            try c.encode(at, forKey: .at)
        case .everyMinutes(let minutes):
            try c.encode(Kind.everyMinutes, forKey: .type)
            try c.encode(minutes, forKey: .minutes)
        }
    }
}
