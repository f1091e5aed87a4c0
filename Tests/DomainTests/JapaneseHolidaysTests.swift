import Domain
import Testing

@Suite struct JapaneseHolidaysTests {
    /// The Cabinet Office's published lists (内閣府「国民の祝日について」), written out in full.
    static let official: [Int: [(String, String)]] = [
        2019: [
            ("01-01", "元日"), ("01-14", "成人の日"), ("02-11", "建国記念の日"), ("03-21", "春分の日"),
            ("04-29", "昭和の日"), ("04-30", "国民の休日"), ("05-01", "天皇の即位の日"), ("05-02", "国民の休日"),
            ("05-03", "憲法記念日"), ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("05-06", "振替休日"),
            ("07-15", "海の日"), ("08-11", "山の日"), ("08-12", "振替休日"), ("09-16", "敬老の日"),
            ("09-23", "秋分の日"), ("10-14", "体育の日"), ("10-22", "即位礼正殿の儀の行われる日"),
            ("11-03", "文化の日"), ("11-04", "振替休日"), ("11-23", "勤労感謝の日"),
        ],
        2020: [
            ("01-01", "元日"), ("01-13", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("02-24", "振替休日"), ("03-20", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
            ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("05-06", "振替休日"), ("07-23", "海の日"),
            ("07-24", "スポーツの日"), ("08-10", "山の日"), ("09-21", "敬老の日"), ("09-22", "秋分の日"),
            ("11-03", "文化の日"), ("11-23", "勤労感謝の日"),
        ],
        2021: [
            ("01-01", "元日"), ("01-11", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("03-20", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"), ("05-04", "みどりの日"),
            ("05-05", "こどもの日"), ("07-22", "海の日"), ("07-23", "スポーツの日"), ("08-08", "山の日"),
            ("08-09", "振替休日"), ("09-20", "敬老の日"), ("09-23", "秋分の日"), ("11-03", "文化の日"),
            ("11-23", "勤労感謝の日"),
        ],
        2022: [
            ("01-01", "元日"), ("01-10", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("03-21", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"), ("05-04", "みどりの日"),
            ("05-05", "こどもの日"), ("07-18", "海の日"), ("08-11", "山の日"), ("09-19", "敬老の日"),
            ("09-23", "秋分の日"), ("10-10", "スポーツの日"), ("11-03", "文化の日"), ("11-23", "勤労感謝の日"),
        ],
        2023: [
            ("01-01", "元日"), ("01-02", "振替休日"), ("01-09", "成人の日"), ("02-11", "建国記念の日"),
            ("02-23", "天皇誕生日"), ("03-21", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
            ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("07-17", "海の日"), ("08-11", "山の日"),
            ("09-18", "敬老の日"), ("09-23", "秋分の日"), ("10-09", "スポーツの日"), ("11-03", "文化の日"),
            ("11-23", "勤労感謝の日"),
        ],
        2024: [
            ("01-01", "元日"), ("01-08", "成人の日"), ("02-11", "建国記念の日"), ("02-12", "振替休日"),
            ("02-23", "天皇誕生日"), ("03-20", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
            ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("05-06", "振替休日"), ("07-15", "海の日"),
            ("08-11", "山の日"), ("08-12", "振替休日"), ("09-16", "敬老の日"), ("09-22", "秋分の日"),
            ("09-23", "振替休日"), ("10-14", "スポーツの日"), ("11-03", "文化の日"), ("11-04", "振替休日"),
            ("11-23", "勤労感謝の日"),
        ],
        2025: [
            ("01-01", "元日"), ("01-13", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("02-24", "振替休日"), ("03-20", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
            ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("05-06", "振替休日"), ("07-21", "海の日"),
            ("08-11", "山の日"), ("09-15", "敬老の日"), ("09-23", "秋分の日"), ("10-13", "スポーツの日"),
            ("11-03", "文化の日"), ("11-23", "勤労感謝の日"), ("11-24", "振替休日"),
        ],
        2026: [
            ("01-01", "元日"), ("01-12", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("03-20", "春分の日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"), ("05-04", "みどりの日"),
            ("05-05", "こどもの日"), ("05-06", "振替休日"), ("07-20", "海の日"), ("08-11", "山の日"),
            ("09-21", "敬老の日"), ("09-22", "国民の休日"), ("09-23", "秋分の日"), ("10-12", "スポーツの日"),
            ("11-03", "文化の日"), ("11-23", "勤労感謝の日"),
        ],
        2027: [
            ("01-01", "元日"), ("01-11", "成人の日"), ("02-11", "建国記念の日"), ("02-23", "天皇誕生日"),
            ("03-21", "春分の日"), ("03-22", "振替休日"), ("04-29", "昭和の日"), ("05-03", "憲法記念日"),
            ("05-04", "みどりの日"), ("05-05", "こどもの日"), ("07-19", "海の日"), ("08-11", "山の日"),
            ("09-20", "敬老の日"), ("09-23", "秋分の日"), ("10-11", "スポーツの日"), ("11-03", "文化の日"),
            ("11-23", "勤労感謝の日"),
        ],
    ]

    @Test(arguments: 2019...2027)
    func matchesCabinetOfficeList(year: Int) throws {
        let expected = try #require(Self.official[year]).map { "\(year)-\($0.0) \($0.1)" }
        let actual = JapaneseHolidays.holidays(in: year).map { "\($0.date) \($0.nameJa)" }
        #expect(actual == expected)
    }

    @Test func englishNames() {
        let h2026 = JapaneseHolidays.holidays(in: 2026)
        #expect(h2026.first?.nameEn == "New Year's Day")
        #expect(h2026.first { $0.nameJa == "振替休日" }?.nameEn == "Substitute Holiday")
        #expect(h2026.first { $0.nameJa == "国民の休日" }?.nameEn == "Citizens' Holiday")
        #expect(h2026.allSatisfy { !$0.nameEn.isEmpty })
        #expect(JapaneseHolidays.holidays(in: 2019).first { $0.date.month == 10 && $0.date.day == 14 }?.nameEn
            == "Health and Sports Day")
    }

    @Test func isHoliday() {
        #expect(JapaneseHolidays.isHoliday(LocalDate(iso: "2027-03-22")!))
        #expect(JapaneseHolidays.isHoliday(LocalDate(iso: "2026-09-22")!))
        #expect(!JapaneseHolidays.isHoliday(LocalDate(iso: "2027-03-23")!))
        #expect(!JapaneseHolidays.isHoliday(LocalDate(iso: "2019-12-23")!))
        #expect(JapaneseHolidays.isHoliday(LocalDate(iso: "2018-12-23")!))
        #expect(!JapaneseHolidays.isHoliday(LocalDate(iso: "2026-12-29")!))
    }

    @Test func olderRules() {
        func names(_ year: Int) -> [String: String] {
            Dictionary(
                uniqueKeysWithValues: JapaneseHolidays.holidays(in: year).map { ($0.date.description, $0.nameJa) })
        }
        // Before 2007 the day between 憲法記念日 and こどもの日 was a citizens' holiday, 4/29 was みどりの日.
        #expect(names(2006)["2006-05-04"] == "国民の休日")
        #expect(names(2006)["2006-04-29"] == "みどりの日")
        // 1998: 5/3 fell on a Sunday, so 5/4 was a substitute holiday.
        #expect(names(1998)["1998-05-04"] == "振替休日")
        // Fixed-date days before Happy Monday.
        #expect(names(1999)["1999-01-15"] == "成人の日")
        #expect(names(1999)["1999-10-11"] == "振替休日")  // 体育の日 10/10 on a Sunday
        #expect(names(2002)["2002-07-20"] == "海の日")
        #expect(names(2002)["2002-09-16"] == "振替休日")  // 敬老の日 9/15 on a Sunday
        #expect(names(1995)["1995-07-20"] == nil)
        // Silver-week citizens' holidays.
        #expect(names(2009)["2009-09-22"] == "国民の休日")
        #expect(names(2015)["2015-09-22"] == "国民の休日")
        // 2008: みどりの日 5/4 fell on a Sunday; from 2007 the substitute is the next non-holiday, 5/6.
        #expect(names(2008)["2008-05-06"] == "振替休日")
        #expect(names(1989)["1989-02-24"] == "昭和天皇の大喪の礼")
        #expect(names(1989)["1989-12-23"] == "天皇誕生日")
        #expect(names(2016)["2016-08-11"] == "山の日")
        #expect(names(2015)["2015-08-11"] == nil)
    }

    @Test func equinoxFormula() {
        #expect(JapaneseHolidays.vernalEquinoxDay(2030) == 20)
        #expect(JapaneseHolidays.autumnalEquinoxDay(2030) == 23)
        #expect(JapaneseHolidays.autumnalEquinoxDay(2032) == 22)
        #expect(JapaneseHolidays.vernalEquinoxDay(2099) == 20)
    }

    @Test func wholeRangeIsWellFormed() {
        for year in JapaneseHolidays.supportedYears {
            let list = JapaneseHolidays.holidays(in: year)
            #expect(list.count >= 13 && list.count <= 25, "\(year)")
            #expect(list.allSatisfy { $0.date.year == year }, "\(year)")
            #expect(zip(list, list.dropFirst()).allSatisfy { $0.date < $1.date }, "\(year)")
            // No substitute holiday on a Sunday; every Sunday holiday is followed by one in the week.
            #expect(!list.contains { $0.nameJa == "振替休日" && $0.date.weekday == 7 }, "\(year)")
        }
        #expect(JapaneseHolidays.holidays(in: 1988).isEmpty)
        #expect(JapaneseHolidays.holidays(in: 2100).isEmpty)
    }
}
