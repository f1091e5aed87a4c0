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
