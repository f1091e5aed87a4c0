import Domain
import Foundation
import Testing
@testable import Web

/// How pages say a recurrence, in Japanese and English (`PageFormat.recurrence`).
@Suite struct WebRecurrenceWordingTests {
    let ja = PageFormat(language: .ja, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
    let en = PageFormat(language: .en, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
    func at(_ text: String) -> LocalTime { LocalTime(text)! }

    @Test func meetingCadences() {
        let secondTuesday = Recurrence.nthWeekday(n: 2, weekday: 2, at: at("10:00"), shift: .previous)
        #expect(ja.recurrence(secondTuesday) == "毎月第2火曜日 10:00（休業日なら前営業日）")
        #expect(en.recurrence(secondTuesday) == "2nd Tuesday of each month, 10:00 (previous business day if closed)")
        let fortnightly = Recurrence.fortnightly(weekdays: [4], anchor: LocalDate(iso: "2026-12-03")!, at: at("10:00"))
        #expect(ja.recurrence(fortnightly) == "隔週木曜日 10:00")
        #expect(en.recurrence(fortnightly) == "Every other Thursday, 10:00")
        let mondays = Recurrence.weekly(weekdays: [1], at: at("10:00"), onClosedDay: .skip)
        #expect(ja.recurrence(mondays) == "毎週月曜日 10:00（休業日は除く）")
        #expect(en.recurrence(mondays) == "Every Monday, 10:00 (skipped if closed)")
        let moved = Recurrence.fortnightly(weekdays: [2, 4], anchor: LocalDate(iso: "2026-12-03")!, at: at("09:30"), onClosedDay: .shift(.next))
        #expect(ja.recurrence(moved) == "隔週火・木曜日 09:30（休業日なら翌営業日）")
        #expect(en.recurrence(moved) == "Every other Tuesday and Thursday, 09:30 (next business day if closed)")
        #expect(ja.recurrence(.nthWeekday(n: -1, weekday: 5, at: at("17:00"))) == "毎月最終金曜日 17:00")
        #expect(en.recurrence(.nthWeekday(n: -1, weekday: 5, at: at("17:00"))) == "Last Friday of each month, 17:00")
    }

    @Test func theSchedulersOtherRules() {
        #expect(ja.recurrence(.weekly(weekdays: [2, 4], at: at("10:30"))) == "毎週火・木曜日 10:30", "the ops page's wording, kept")
        #expect(en.recurrence(.weekly(weekdays: [1, 3, 5], at: at("08:00"))) == "Every Monday, Wednesday and Friday, 08:00")
        #expect(ja.recurrence(.weekly(weekdays: Set(1...7), at: at("08:00"))) == "毎日 08:00")
        #expect(en.recurrence(.weekly(weekdays: Set(1...7), at: at("08:00"))) == "Every day, 08:00")
        #expect(ja.recurrence(.monthlyDay(day: 25, at: at("10:00"), shift: .previous)) == "毎月25日 10:00（休業日なら前営業日）")
        #expect(en.recurrence(.monthlyDay(day: 21, at: at("10:00"), shift: nil)) == "21st of each month, 10:00")
        #expect(en.recurrence(.monthlyDay(day: 12, at: at("10:00"), shift: nil)) == "12th of each month, 10:00")
        #expect(ja.recurrence(.nthBusinessDay(n: 3, at: at("09:00"))) == "毎月第3営業日 09:00")
        #expect(en.recurrence(.nthBusinessDay(n: 3, at: at("09:00"))) == "3rd business day of each month, 09:00")
        #expect(ja.recurrence(.nthBusinessDay(n: -1, at: at("15:00"))) == "毎月最終営業日 15:00")
        #expect(en.recurrence(.nthBusinessDay(n: -2, at: at("15:00"))) == "2nd-to-last business day of each month, 15:00")
        #expect(ja.recurrence(.everyMinutes(15)) == "15分ごと")
        #expect(en.recurrence(.everyMinutes(1)) == "Every minute")
    }
}
