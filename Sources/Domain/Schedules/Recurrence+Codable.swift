/// Recurrences as JSON: `{"type": "nth_business_day", "n": 1, "at": "09:00"}`, `{"type": "monthly_day", "day": 25,
/// "at": "10:00", "shift": "previous"}`, `{"type": "nth_weekday", "n": 2, "weekday": 2, "at": "10:00", "shift":
/// "previous"}`, `{"type": "weekly", "weekdays": [1, 4], "at": "08:30"}`, `{"type": "fortnightly", "weekdays": [4],
/// "anchor": "2026-12-03", "at": "10:00", "shift": "previous"}`, `{"type": "every_minutes", "minutes": 15}`.
///
/// `shift` is optional everywhere it is accepted (absent: dates stay where they fall), so schedules stored before it
/// existed still decode. A weekly or fortnightly rule may instead say `"holidays": "skip"` to have no occurrence on a
/// closed day; giving both is refused.
extension Recurrence: Codable {
    enum Kind: String, Codable {
        case monthlyDay = "monthly_day"
        case nthWeekday = "nth_weekday"
        case nthBusinessDay = "nth_business_day"
        case weekly
        case fortnightly
        case everyMinutes = "every_minutes"
    }

    /// The one value of `holidays`: keeping a closed day's occurrence is what leaving both keys out means, and moving
    /// it is `shift`'s.
    enum Holidays: String, Codable {
        case skip
    }

    enum CodingKeys: String, CodingKey {
        case type, day, at, shift, holidays, n, weekday, weekdays, anchor, minutes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .type) {
        case .monthlyDay:
            self = .monthlyDay(
                day: try c.decode(Int.self, forKey: .day), at: try c.decode(LocalTime.self, forKey: .at),
                shift: try c.decodeIfPresent(BusinessCalendar.Shift.self, forKey: .shift))
        case .nthWeekday:
            self = .nthWeekday(
                n: try c.decode(Int.self, forKey: .n), weekday: try c.decode(Int.self, forKey: .weekday),
                at: try c.decode(LocalTime.self, forKey: .at), shift: try c.decodeIfPresent(BusinessCalendar.Shift.self, forKey: .shift))
        case .nthBusinessDay:
            self = .nthBusinessDay(n: try c.decode(Int.self, forKey: .n), at: try c.decode(LocalTime.self, forKey: .at))
        case .weekly:
            self = .weekly(
                weekdays: Set(try c.decode([Int].self, forKey: .weekdays)), at: try c.decode(LocalTime.self, forKey: .at),
                onClosedDay: try Self.onClosedDay(c))
        case .fortnightly:
            self = .fortnightly(
                weekdays: Set(try c.decode([Int].self, forKey: .weekdays)), anchor: try c.decode(LocalDate.self, forKey: .anchor),
                at: try c.decode(LocalTime.self, forKey: .at), onClosedDay: try Self.onClosedDay(c))
        case .everyMinutes:
            self = .everyMinutes(try c.decode(Int.self, forKey: .minutes))
        }
    }

    static func onClosedDay(_ c: KeyedDecodingContainer<CodingKeys>) throws -> OnClosedDay? {
        let shift = try c.decodeIfPresent(BusinessCalendar.Shift.self, forKey: .shift)
        let holidays = try c.decodeIfPresent(Holidays.self, forKey: .holidays)
        switch (shift, holidays) {
        case (nil, nil): return nil
        case (let shift?, nil): return .shift(shift)
        case (nil, .skip?): return .skip
        case (_?, _?):
            throw DecodingError.dataCorruptedError(
                forKey: .holidays, in: c, debugDescription: "either shift (move off a closed day) or holidays: skip, not both")
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
        case .nthWeekday(let n, let weekday, let at, let shift):
            try c.encode(Kind.nthWeekday, forKey: .type)
            try c.encode(n, forKey: .n)
            try c.encode(weekday, forKey: .weekday)
            try c.encode(at, forKey: .at)
            try c.encodeIfPresent(shift, forKey: .shift)
        case .nthBusinessDay(let n, let at):
            try c.encode(Kind.nthBusinessDay, forKey: .type)
            try c.encode(n, forKey: .n)
            try c.encode(at, forKey: .at)
        case .weekly(let weekdays, let at, let onClosedDay):
            try c.encode(Kind.weekly, forKey: .type)
            try c.encode(weekdays.sorted(), forKey: .weekdays)
            try c.encode(at, forKey: .at)
            try Self.encode(onClosedDay, into: &c)
        case .fortnightly(let weekdays, let anchor, let at, let onClosedDay):
            try c.encode(Kind.fortnightly, forKey: .type)
            try c.encode(weekdays.sorted(), forKey: .weekdays)
            try c.encode(anchor, forKey: .anchor)
            try c.encode(at, forKey: .at)
            try Self.encode(onClosedDay, into: &c)
        case .everyMinutes(let minutes):
            try c.encode(Kind.everyMinutes, forKey: .type)
            try c.encode(minutes, forKey: .minutes)
        }
    }

    static func encode(_ onClosedDay: OnClosedDay?, into c: inout KeyedEncodingContainer<CodingKeys>) throws {
        switch onClosedDay {
        case nil: break
        case .shift(let shift)?: try c.encode(shift, forKey: .shift)
        case .skip?: try c.encode(Holidays.skip, forKey: .holidays)
        }
    }
}
