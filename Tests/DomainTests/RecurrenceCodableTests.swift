import Domain
import Foundation
import Testing

/// The JSON of recurrences: the new keys are optional, so every stored schedule still decodes; what is written reads
/// back the same.
@Suite struct RecurrenceCodableTests {
    func decode(_ json: String) throws -> Recurrence { try JSONDecoder().decode(Recurrence.self, from: Data(json.utf8)) }
    func encode(_ rule: Recurrence) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rule), as: UTF8.self)
    }
    func at(_ text: String) -> LocalTime { LocalTime(text)! }

    @Test func storedSchedulesStillDecode() throws {
        #expect(try decode(#"{"type":"nth_weekday","n":-1,"weekday":5,"at":"17:00"}"#) == .nthWeekday(n: -1, weekday: 5, at: at("17:00"), shift: nil))
        #expect(try decode(#"{"type":"weekly","weekdays":[1,4],"at":"08:30"}"#) == .weekly(weekdays: [1, 4], at: at("08:30"), onClosedDay: nil))
        #expect(try encode(.weekly(weekdays: [4, 1], at: at("08:30"))) == #"{"at":"08:30","type":"weekly","weekdays":[1,4]}"#)
        #expect(try encode(.nthWeekday(n: 2, weekday: 2, at: at("10:00"))) == #"{"at":"10:00","n":2,"type":"nth_weekday","weekday":2}"#)
    }

    @Test func theNewRulesRoundTrip() throws {
        let secondTuesday = try decode(#"{"type":"nth_weekday","n":2,"weekday":2,"at":"10:00","shift":"previous"}"#)
        #expect(secondTuesday == .nthWeekday(n: 2, weekday: 2, at: at("10:00"), shift: .previous))
        let fortnightly = try decode(#"{"type":"fortnightly","weekdays":[4],"anchor":"2026-12-03","at":"10:00","shift":"previous"}"#)
        #expect(fortnightly == .fortnightly(weekdays: [4], anchor: LocalDate(iso: "2026-12-03")!, at: at("10:00"), onClosedDay: .shift(.previous)))
        let skipping = try decode(#"{"type":"weekly","weekdays":[1],"at":"10:00","holidays":"skip"}"#)
        #expect(skipping == .weekly(weekdays: [1], at: at("10:00"), onClosedDay: .skip))
        #expect(try encode(fortnightly) == #"{"anchor":"2026-12-03","at":"10:00","shift":"previous","type":"fortnightly","weekdays":[4]}"#)
        #expect(try encode(skipping) == #"{"at":"10:00","holidays":"skip","type":"weekly","weekdays":[1]}"#)
        #expect(try encode(secondTuesday) == #"{"at":"10:00","n":2,"shift":"previous","type":"nth_weekday","weekday":2}"#)
        for rule in [secondTuesday, fortnightly, skipping, .fortnightly(weekdays: [2, 5], anchor: LocalDate(iso: "2027-01-04")!, at: at("09:15"), onClosedDay: .skip)] {
            #expect(try decode(try encode(rule)) == rule)
        }
    }

    @Test func contradictionsAndGapsAreRefused() {
        // Moving and skipping at once, a value `holidays` does not have, a fortnight without its anchor, a bad anchor.
        for json in [
            #"{"type":"weekly","weekdays":[1],"at":"10:00","shift":"next","holidays":"skip"}"#,
            #"{"type":"weekly","weekdays":[1],"at":"10:00","holidays":"keep"}"#,
            #"{"type":"fortnightly","weekdays":[4],"at":"10:00"}"#,
            #"{"type":"fortnightly","weekdays":[4],"anchor":"2026-02-30","at":"10:00"}"#,
            #"{"type":"nth_weekday","n":2,"weekday":2,"at":"10:00","shift":"skip"}"#,
        ] {
            #expect(throws: DecodingError.self, "\(json)") { try decode(json) }
        }
    }
}
