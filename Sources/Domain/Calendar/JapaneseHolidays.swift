/// Japan's public holidays (国民の祝日 and 休日) computed by the rules of the Act on National Holidays
/// (国民の祝日に関する法律) and the special laws for 1989–2099: fixed days, Happy Monday days, the equinoxes by
/// the standard approximation, substitute holidays (振替休日), citizens' holidays (国民の休日) and the one-off
/// days (the Shōwa funeral, enthronements, the 2020/2021 Olympic moves). Pure: no tables fetched, no clock.
public enum JapaneseHolidays {
    /// The years the rules here are valid for. Outside it `holidays(in:)` returns no holidays.
    public static let supportedYears: ClosedRange<Int> = 1989...2099

    public struct Holiday: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var date: LocalDate
        public var nameJa: String
        public var nameEn: String

        public init(date: LocalDate, nameJa: String, nameEn: String) {
            self.date = date
            self.nameJa = nameJa
            self.nameEn = nameEn
        }

        public var description: String { "\(date) \(nameJa)" }
    }

    /// The holidays of calendar `year`, sorted by date; empty outside `supportedYears`.
    public static func holidays(in year: Int) -> [Holiday] {
        guard supportedYears.contains(year) else { return [] }
        let national = nationalHolidays(in: year)
        var byDate: [LocalDate: Holiday] = [:]
        for holiday in national { byDate[holiday.date] = holiday }
        let nationalDates = Set(national.map(\.date))

        // The 2007 amendment changed both the substitute and the citizens' holiday rules.
        let amended = year >= 2007

        // 振替休日: a national holiday on a Sunday makes the nearest following non-holiday a holiday
        // (before 2007: the following Monday, when it is not itself a holiday).
        var substitutes: Set<LocalDate> = []
        for holiday in national where holiday.date.weekday == 7 {
            var day = holiday.date.adding(days: 1)
            if amended {
                while nationalDates.contains(day) { day = day.adding(days: 1) }
            } else if nationalDates.contains(day) {
                continue
            }
            substitutes.insert(day)
        }

        // 国民の休日: a day whose previous and next days are national holidays (before 2007: and which is neither
        // a Sunday nor a substitute holiday).
        var citizens: Set<LocalDate> = []
        for holiday in national {
            let day = holiday.date.adding(days: 1)
            guard !nationalDates.contains(day), nationalDates.contains(day.adding(days: 1)) else { continue }
            if !amended, day.weekday == 7 || substitutes.contains(day) { continue }
            citizens.insert(day)
        }

        for day in substitutes where day.year == year {
            byDate[day] = Holiday(date: day, nameJa: "振替休日", nameEn: "Substitute Holiday")
        }
        for day in citizens where day.year == year && byDate[day] == nil {
            byDate[day] = Holiday(date: day, nameJa: "国民の休日", nameEn: "Citizens' Holiday")
        }
        return byDate.values.sorted { $0.date < $1.date }
    }

    /// Whether `date` is a public holiday (a national holiday, substitute holiday or citizens' holiday).
    public static func isHoliday(_ date: LocalDate) -> Bool {
        holiday(on: date) != nil
    }

    /// The holiday on `date`, if any.
    public static func holiday(on date: LocalDate) -> Holiday? {
        holidays(in: date.year).first { $0.date == date }
    }

    /// Day of March of the vernal equinox (valid 1980–2099).
    public static func vernalEquinoxDay(_ year: Int) -> Int {
        let y = year - 1980
        return Int(20.8431 + 0.242194 * Double(y)) - y / 4
    }

    /// Day of September of the autumnal equinox (valid 1980–2099).
    public static func autumnalEquinoxDay(_ year: Int) -> Int {
        let y = year - 1980
        return Int(23.2488 + 0.242194 * Double(y)) - y / 4
    }

    /// The `n`th (1-based) `weekday` (1 = Monday … 7 = Sunday) of a month.
    static func nthWeekday(_ n: Int, _ weekday: Int, year: Int, month: Int) -> LocalDate {
        let first = LocalDate(checkedYear: year, month: month, day: 1)
        let offset = floorMod(weekday - first.weekday, 7)
        return first.adding(days: offset + 7 * (n - 1))
    }

    /// The 国民の祝日 proper (and the one-off days the special laws treat as such) of `year`, with the date
    /// moves of 2020 and 2021; without substitute and citizens' holidays.
    static func nationalHolidays(in year: Int) -> [Holiday] {
        var list: [Holiday] = []
        func add(_ month: Int, _ day: Int, _ ja: String, _ en: String) {
            list.append(Holiday(date: LocalDate(checkedYear: year, month: month, day: day), nameJa: ja, nameEn: en))
        }
        func add(_ date: LocalDate, _ ja: String, _ en: String) {
            list.append(Holiday(date: date, nameJa: ja, nameEn: en))
        }
        func monday(_ n: Int, of month: Int) -> LocalDate { nthWeekday(n, 1, year: year, month: month) }

        add(1, 1, "元日", "New Year's Day")
        if year >= 2000 {
            add(monday(2, of: 1), "成人の日", "Coming of Age Day")
        } else {
            add(1, 15, "成人の日", "Coming of Age Day")
        }
        add(2, 11, "建国記念の日", "National Foundation Day")
        if year >= 2020 { add(2, 23, "天皇誕生日", "Emperor's Birthday") }
        add(3, vernalEquinoxDay(year), "春分の日", "Vernal Equinox Day")
        if year >= 2007 {
            add(4, 29, "昭和の日", "Showa Day")
        } else {
            add(4, 29, "みどりの日", "Greenery Day")
        }
        add(5, 3, "憲法記念日", "Constitution Memorial Day")
        if year >= 2007 { add(5, 4, "みどりの日", "Greenery Day") }
        add(5, 5, "こどもの日", "Children's Day")

        switch year {
        case 2020: add(7, 23, "海の日", "Marine Day")
        case 2021: add(7, 22, "海の日", "Marine Day")
        case 2003...: add(monday(3, of: 7), "海の日", "Marine Day")
        case 1996...: add(7, 20, "海の日", "Marine Day")
        default: break
        }

        switch year {
        case 2020: add(8, 10, "山の日", "Mountain Day")
        case 2021: add(8, 8, "山の日", "Mountain Day")
        case 2016...: add(8, 11, "山の日", "Mountain Day")
        default: break
        }

        if year >= 2003 {
            add(monday(3, of: 9), "敬老の日", "Respect for the Aged Day")
        } else {
            add(9, 15, "敬老の日", "Respect for the Aged Day")
        }
        add(9, autumnalEquinoxDay(year), "秋分の日", "Autumnal Equinox Day")

        switch year {
        case 2020: add(7, 24, "スポーツの日", "Sports Day")
        case 2021: add(7, 23, "スポーツの日", "Sports Day")
        case 2022...: add(monday(2, of: 10), "スポーツの日", "Sports Day")
        case 2000...: add(monday(2, of: 10), "体育の日", "Health and Sports Day")
        default: add(10, 10, "体育の日", "Health and Sports Day")
        }

        add(11, 3, "文化の日", "Culture Day")
        add(11, 23, "勤労感謝の日", "Labour Thanksgiving Day")
        if year <= 2018 { add(12, 23, "天皇誕生日", "Emperor's Birthday") }

        // One-off days by special law.
        switch year {
        case 1989: add(2, 24, "昭和天皇の大喪の礼", "State Funeral of Emperor Showa")
        case 1990: add(11, 12, "即位礼正殿の儀", "Enthronement Ceremony")
        case 1993: add(6, 9, "皇太子徳仁親王の結婚の儀", "Wedding of Crown Prince Naruhito")
        case 2019:
            add(5, 1, "天皇の即位の日", "Enthronement Day")
            add(10, 22, "即位礼正殿の儀の行われる日", "Enthronement Ceremony Day")
        default: break
        }
        return list.sorted { $0.date < $1.date }
    }
}

/// An organisation's business calendar: weekends, Japanese public holidays and its own closure days
/// (e.g. 年末年始 12/29–1/3, お盆).
public struct BusinessCalendar: Sendable, Hashable {
    public enum Shift: String, Sendable, Hashable, Codable {
        /// Move to the next business day on or after the date.
        case next
        /// Move to the previous business day on or before the date.
        case previous
    }

    /// Company closure days on top of public holidays.
    public var closures: Set<LocalDate>
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are not worked.
    public var weekendDays: Set<Int>
    /// Whether Japanese public holidays are days off.
    public var observesJapaneseHolidays: Bool

    public init(closures: Set<LocalDate> = [], weekendDays: Set<Int> = [6, 7], observesJapaneseHolidays: Bool = true) {
        self.closures = closures
        self.weekendDays = weekendDays
        self.observesJapaneseHolidays = observesJapaneseHolidays
    }

    /// An org's calendar: weekends, its closure days, and Japan's public holidays when the org keeps Japan's clock
    /// (`Asia/Tokyo`, or no zone, which defaults to it). An org elsewhere keeps weekends and its own closures; a
    /// holiday calendar per country is a later setting. The one place this rule is written.
    public static func forOrg(timeZone: String?, closures: Set<LocalDate>) -> BusinessCalendar {
        BusinessCalendar(closures: closures, observesJapaneseHolidays: timeZone == nil || japanZones.contains(timeZone!))
    }

    /// The IANA names of Japan's clock (`Japan` is the old alias of `Asia/Tokyo`).
    static let japanZones: Set<String> = ["Asia/Tokyo", "Japan"]

    /// Whether some weekday is worked at all (otherwise no business day exists and searches would not end).
    public var hasBusinessDays: Bool { !weekendDays.isSuperset(of: 1...7) }

    public func isBusinessDay(_ date: LocalDate) -> Bool {
        !weekendDays.contains(date.weekday) && !closures.contains(date)
            && !(observesJapaneseHolidays && JapaneseHolidays.isHoliday(date))
    }

    /// The `n`th business day of a month: `n` ≥ 1 counts from the 1st (1 = the first business day), `n` ≤ -1
    /// counts back from the end (-1 = the last business day). When the month has fewer business days the count
    /// runs on into the next (previous) month. `n` must not be 0.
    public func nthBusinessDay(_ n: Int, ofMonth year: Int, _ month: Int) -> LocalDate {
        precondition(n != 0, "the business day number must not be 0")
        precondition(hasBusinessDays, "the calendar has no business days")
        let first = LocalDate(checkedYear: year, month: month, day: 1)
        if n > 0 {
            return businessDays(from: first.adding(days: -1), adding: n)
        }
        return businessDays(from: first.lastOfMonth.adding(days: 1), adding: n)
    }

    /// The date `count` business days after `date` (before it when negative); `date` itself is not counted and
    /// need not be a business day. `count` 0 returns `date`.
    public func businessDays(from date: LocalDate, adding count: Int) -> LocalDate {
        guard count != 0 else { return date }
        precondition(hasBusinessDays, "the calendar has no business days")
        let step = count > 0 ? 1 : -1
        var remaining = abs(count)
        var day = date
        while remaining > 0 {
            day = day.adding(days: step)
            if isBusinessDay(day) { remaining -= 1 }
        }
        return day
    }

    /// `date` when it is a business day, otherwise the nearest business day in `direction`.
    public func shift(_ date: LocalDate, to direction: Shift) -> LocalDate {
        precondition(hasBusinessDays, "the calendar has no business days")
        let step = direction == .next ? 1 : -1
        var day = date
        while !isBusinessDay(day) { day = day.adding(days: step) }
        return day
    }

    /// The business days from `start` to `end`, both inclusive (0 when `end` is before `start`).
    public func countBusinessDays(from start: LocalDate, through end: LocalDate) -> Int {
        guard start <= end else { return 0 }
        var count = 0
        var day = start
        while day <= end {
            if isBusinessDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The 年末年始 closure days that fall in calendar `year`: January 1–3 and December 29–31 of that year (so one
    /// New Year's closure, 12/29–1/3, spans `year` and `year + 1`; see `newYearClosure(years:)`).
    public static func newYearClosure(for year: Int) -> Set<LocalDate> {
        Set([(1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31)].map {
            LocalDate(checkedYear: year, month: $0.0, day: $0.1)
        })
    }

    /// The 年末年始 closure days of every year in `years`.
    public static func newYearClosure(years: ClosedRange<Int>) -> Set<LocalDate> {
        years.reduce(into: []) { $0.formUnion(newYearClosure(for: $1)) }
    }
}
