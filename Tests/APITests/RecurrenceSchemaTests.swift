import Domain
import Foundation
import Testing
@testable import API

/// The document's `Recurrence` schema against what the server writes and reads: each kind's JSON fits exactly one
/// branch, a key of another kind or a bad value fits none.
@Suite struct RecurrenceSchemaTests {
    func value(_ rule: Recurrence) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(rule)) }
    func value(_ json: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)) }
    /// Closed as the response check closes it: a key the document does not name is drift.
    var schema: JSONValue { ResponseSchemaTests.closed(Recurrence.ownSchema) }

    @Test func everyKindFitsItsBranch() throws {
        let at = LocalTime(hour: 10, minute: 0)!, anchor = LocalDate(iso: "2026-12-03")!
        let rules: [Recurrence] = [
            .monthlyDay(day: 25, at: at, shift: .previous), .monthlyDay(day: 1, at: at, shift: nil),
            .nthWeekday(n: 2, weekday: 2, at: at, shift: .previous), .nthWeekday(n: -1, weekday: 5, at: at),
            .nthBusinessDay(n: -1, at: at), .weekly(weekdays: [1, 4], at: at), .weekly(weekdays: [1], at: at, onClosedDay: .skip),
            .fortnightly(weekdays: [4], anchor: anchor, at: at, onClosedDay: .shift(.previous)), .fortnightly(weekdays: [2, 4], anchor: anchor, at: at),
            .everyMinutes(15),
        ]
        for rule in rules {
            #expect(JSONSchemaValidator.errors(try value(rule), against: schema) == [], "\(rule)")
        }
    }

    @Test func otherShapesFitNone() throws {
        for json in [
            #"{"type":"fortnightly","weekdays":[4],"at":"10:00"}"#,
            #"{"type":"nth_business_day","n":1,"at":"10:00","shift":"next"}"#,
            #"{"type":"nth_weekday","n":2,"weekday":2,"at":"10:00","holidays":"skip"}"#,
            #"{"type":"weekly","weekdays":[],"at":"10:00"}"#,
            #"{"type":"weekly","weekdays":[1],"at":"24:00"}"#,
            #"{"type":"monthly","day":1,"at":"10:00"}"#,
        ] {
            #expect(!JSONSchemaValidator.errors(try value(json), against: schema).isEmpty, "\(json)")
        }
    }
}
