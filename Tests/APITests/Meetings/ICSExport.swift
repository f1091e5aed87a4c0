import Foundation

/// Hands a served feed to the real-parser check (Tests/ICalendar/check.py) when scripts/test asked for it: the
/// `.ics` as served and a `.json` of what a reader must find in it (check.py's keys; nil ones are not checked).
struct ICSExpectation: Encodable {
    struct CalendarProps: Encodable { var name: String?, timezone: String?, method: String?, refresh: String? }
    struct Counts: Encodable { var standard: Int, daylight: Int }
    struct Event: Encodable {
        var uid: String
        var summary: String?, description: String?, url: String?, status: String?, sequence: Int?
        var tzid: String?, start: String?, end: String?
        var start_utc: String?, end_utc: String?
    }
    var calendar: CalendarProps?
    var timezones: [String: Counts]?
    var events: [Event]
    var absent: [String]?

    func export(_ name: String, _ text: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["BANSO_ICS_OUT"], !folder.isEmpty else { return }
        let base = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try Data(text.utf8).write(to: base.appendingPathExtension("ics"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: base.appendingPathExtension("json"))
    }

    /// `2026-12-08T01:00:00Z`, as check.py writes instants.
    static func utc(_ instant: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: instant)
    }
}
