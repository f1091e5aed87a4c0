import Domain
import Foundation
import Testing

/// The iCalendar writer. Byte-level rules are asserted here; whether a real parser reads the result as meant is
/// checked by Tests/ICalendar/check.py, which scripts/test runs over the feeds these tests write to
/// `$BANSO_ICS_OUT` (each `.ics` with a `.json` of what a reader must find in it).
@Suite struct ICalendarTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    static func at(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad instant \(text)") }
        return date
    }

    /// What check.py is told to find (its keys; nil ones are not written and not checked).
    struct Expectation: Encodable {
        struct CalendarProps: Encodable { var name: String?, timezone: String?, method: String?, refresh: String? }
        struct Counts: Encodable { var standard: Int, daylight: Int }
        struct Event: Encodable {
            var uid: String
            var summary: String?, description: String?, url: String?, status: String?, sequence: Int?
            var tzid: String?, start: String?, end: String?
            var start_utc: String?, end_utc: String?, start_tzid: String?
        }
        var calendar: CalendarProps?
        var timezones: [String: Counts]?
        var events: [Event]
        var absent: [String]?
    }

    /// Hands the calendar to the real-parser check when scripts/test asked for it.
    static func export(_ name: String, _ rendered: String, _ expectation: Expectation) throws {
        guard let folder = ProcessInfo.processInfo.environment["BANSO_ICS_OUT"], !folder.isEmpty else { return }
        let base = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try Data(rendered.utf8).write(to: base.appendingPathExtension("ics"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(expectation).write(to: base.appendingPathExtension("json"))
    }

    static func wall(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        return "\(LocalDate(daysSinceEpoch: days))T\(LocalTime(hour: rest / 3600, minute: rest / 60 % 60)!)"
    }

    /// RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed, and nothing else.
    static func unfold(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 2 < bytes.count, bytes[i + 1] == 10, bytes[i + 2] == 32 || bytes[i + 2] == 9 {
                i += 3
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// The reading side of §3.3.11, to show the escaping loses nothing.
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    static func physicalLines(_ rendered: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(rendered.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                lines.append([])
                i += 2
            } else {
                lines[lines.count - 1].append(bytes[i])
                i += 1
            }
        }
        return lines
    }

    static let salesCalendar = ICalendar.Calendar(
        name: "営業会議 (Sales)", timeZone: tokyo,
        events: [
            ICalendar.Event(
                uid: ICalendar.Event.uid(occurrence: "m-2026-05-12"), sequence: 1, stamp: at("2026-04-20T09:30:00Z"),
                start: at("2026-05-12T01:00:00Z"), end: at("2026-05-12T02:00:00Z"), timeZone: tokyo, summary: "営業会議",
                status: .cancelled),
            ICalendar.Event(
                uid: ICalendar.Event.uid(occurrence: "m-2026-04-14"), sequence: 0, stamp: at("2026-04-01T00:00:00Z"),
                start: at("2026-04-14T01:00:00Z"), end: at("2026-04-14T02:00:00Z"), timeZone: tokyo,
                summary: "営業会議: 振り返り, 次の一手; 要点", description: "議題\nhttps://banso.example/meetings/m-2026-04-14",
                url: URL(string: "https://banso.example/meetings/m-2026-04-14")!),
        ])

    @Test func aSmallCalendarRendersExactly() throws {
        let golden = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Banso//Meetings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "NAME:営業会議 (Sales)",
            "X-WR-CALNAME:営業会議 (Sales)",
            "X-WR-TIMEZONE:Asia/Tokyo",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H",
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Tokyo",
            "X-LIC-LOCATION:Asia/Tokyo",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900",
            "TZNAME:+09",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:m-2026-04-14@banso",
            "SEQUENCE:0",
            "DTSTAMP:20260401T000000Z",
            "DTSTART;TZID=Asia/Tokyo:20260414T100000",
            "DTEND;TZID=Asia/Tokyo:20260414T110000",
            #"SUMMARY:営業会議: 振り返り\, 次の一手\; 要点"#,
            #"DESCRIPTION:議題\nhttps://banso.example/meetings/m-2026-04-14"#,
            "URL:https://banso.example/meetings/m-2026-04-14",
            "STATUS:CONFIRMED",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:m-2026-05-12@banso",
            "SEQUENCE:1",
            "DTSTAMP:20260420T093000Z",
            "DTSTART;TZID=Asia/Tokyo:20260512T100000",
            "DTEND;TZID=Asia/Tokyo:20260512T110000",
            "SUMMARY:営業会議",
            "STATUS:CANCELLED",
            "END:VEVENT",
            "END:VCALENDAR",
        ].joined(separator: "\r\n") + "\r\n"
        let rendered = Self.salesCalendar.render()
        #expect(rendered == golden)
        try Self.export("sales-tokyo", rendered, Expectation(
            calendar: .init(name: "営業会議 (Sales)", timezone: "Asia/Tokyo", method: "PUBLISH", refresh: "PT1H"),
            timezones: ["Asia/Tokyo": .init(standard: 1, daylight: 0)],
            events: [
                .init(uid: "m-2026-04-14@banso", summary: "営業会議: 振り返り, 次の一手; 要点",
                      description: "議題\nhttps://banso.example/meetings/m-2026-04-14", url: "https://banso.example/meetings/m-2026-04-14",
                      status: "CONFIRMED", sequence: 0, tzid: "Asia/Tokyo", start: "2026-04-14T10:00:00", end: "2026-04-14T11:00:00",
                      start_utc: "2026-04-14T01:00:00Z", end_utc: "2026-04-14T02:00:00Z"),
                .init(uid: "m-2026-05-12@banso", summary: "営業会議", status: "CANCELLED", sequence: 1, tzid: "Asia/Tokyo",
                      start: "2026-05-12T10:00:00", end: "2026-05-12T11:00:00", start_utc: "2026-05-12T01:00:00Z", end_utc: "2026-05-12T02:00:00Z"),
            ],
            absent: ["Acme"]))
    }

    @Test func theSameCalendarGivesTheSameBytesWhateverTheOrderOfItsEvents() {
        var shuffled = Self.salesCalendar
        shuffled.events.reverse()
        #expect(shuffled.render() == Self.salesCalendar.render())
        #expect(Self.salesCalendar.render() == Self.salesCalendar.render())
    }

    @Test func aLongJapaneseTitleFoldsBetweenCharactersAndUnfoldsExactly() throws {
        // A prefix of 0–3 ASCII letters moves every 3-octet (and the emoji's 4-octet) character across the
        // 75-octet boundary at each possible alignment.
        let body = String(repeating: "四半期の顧客健全性レビューと更新準備🗓️", count: 6)
        var expectations: [Expectation.Event] = []
        var events: [ICalendar.Event] = []
        for pad in 0...3 {
            let title = String(repeating: "a", count: pad) + body
            let line = "SUMMARY:" + title
            let folded = ICalendarText.fold(line)
            let physical = Self.physicalLines(folded).dropLast()
            #expect(physical.count > 3)
            for (index, bytes) in physical.enumerated() {
                #expect(bytes.count <= 75, "line \(index) has \(bytes.count) octets")
                #expect(String(validating: bytes, as: UTF8.self) != nil, "line \(index) splits a character")
                #expect(index == 0 || bytes.first == 32)
            }
            // Packed full: a line ends short of 75 octets only by less than the next character's width.
            for bytes in physical.dropLast() { #expect(bytes.count > 75 - 4) }
            #expect(Self.unfold(Array(folded.utf8)) == Array((line + "\r\n").utf8))
            let start = Self.at("2026-06-0\(pad + 1)T01:00:00Z")
            events.append(ICalendar.Event(
                uid: "long-\(pad)@banso", sequence: 0, stamp: Self.at("2026-05-01T00:00:00Z"), start: start,
                end: start.addingTimeInterval(1800), timeZone: Self.tokyo, summary: title))
            expectations.append(.init(uid: "long-\(pad)@banso", summary: title, tzid: "Asia/Tokyo", start: "2026-06-0\(pad + 1)T10:00:00"))
        }
        let rendered = ICalendar.Calendar(name: String(repeating: "長い名前の会議体", count: 8), events: events).render()
        #expect(Self.physicalLines(rendered).allSatisfy { $0.count <= 75 })
        try Self.export("long-japanese-titles", rendered, Expectation(events: expectations))
    }

    @Test func aLineOf75OctetsIsNotFoldedAndOneOf76Is() {
        let exact = String(repeating: "x", count: 75)
        #expect(ICalendarText.fold(exact) == exact + "\r\n")
        #expect(ICalendarText.fold(exact + "y") == exact + "\r\n y\r\n")
        // 25 three-octet characters fill a line; the 26th moves to the next.
        let kana = String(repeating: "あ", count: 26)
        #expect(ICalendarText.fold(kana) == String(repeating: "あ", count: 25) + "\r\n あ\r\n")
    }

    @Test func escapingRoundTripsAndLeavesNoLineBreak() {
        #expect(ICalendarText.escape(#"a,b;c\d"#) == #"a\,b\;c\\d"#)
        #expect(ICalendarText.escape("one\r\ntwo\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarText.escape("tab\tstays, bell\u{07}goes") == "tab\tstays\\, bell" + "goes")
        let samples = [
            "plain", "会議: 決定事項, 宿題; 次回", #"C:\path\to\file"#, #"\n is not a newline"#, "trailing\\",
            "line one\nline two\n", ";;,,\\\\", "URL https://x.example/a?b=1;c=2,3", "END:VEVENT\nBEGIN:VEVENT",
        ]
        for sample in samples {
            let escaped = ICalendarText.escape(sample)
            #expect(!escaped.contains("\n") && !escaped.contains("\r"), "\(sample)")
            #expect(Self.unescape(escaped) == sample, "\(sample)")
        }
        #expect(Self.unescape(ICalendarText.escape("a\r\nb")) == "a\nb")
    }

    @Test func tokyoIsOneStandardObservanceAtPlusNine() {
        let definition = ICalendar.TimeZoneDefinition(zone: Self.tokyo, covering: Self.at("2026-01-13T01:00:00Z")...Self.at("2027-12-14T02:00:00Z"))
        #expect(definition.identifier == "Asia/Tokyo")
        #expect(definition.observances == [.init(kind: .standard, start: 0, offsetFrom: 9 * 3600, offsetTo: 9 * 3600)])
    }

    @Test func newYorkGetsItsYearlyDaylightRulesAndLocalTimesAcrossTheChanges() throws {
        let definition = ICalendar.TimeZoneDefinition(zone: Self.newYork, covering: Self.at("2026-01-13T15:00:00Z")...Self.at("2026-12-08T16:00:00Z"))
        #expect(definition.observances.map(\.kind) == [.daylight, .standard])
        #expect(definition.observances.map(\.rule) == [.init(month: 3, ordinal: 2, weekday: 7), .init(month: 11, ordinal: 1, weekday: 7)])
        #expect(definition.observances.map(\.offsetTo) == [-4 * 3600, -5 * 3600])
        // Onsets in the time before the change: 02:00 EST starts DST, 02:00 EDT ends it.
        #expect(definition.observances.map { ICalendarTests.wall($0.start) } == ["2025-03-09T02:00", "2025-11-02T02:00"])
        // (local time, the instant it is) — the meeting keeps 10:00 while UTC moves with DST; 03:30 on the day DST
        // starts is just after the skipped hour.
        let cases: [(local: String, utc: String)] = [
            ("2026-01-13T10:00:00", "2026-01-13T15:00:00Z"), ("2026-03-08T03:30:00", "2026-03-08T07:30:00Z"),
            ("2026-03-10T10:00:00", "2026-03-10T14:00:00Z"), ("2026-07-14T10:00:00", "2026-07-14T14:00:00Z"),
            ("2026-11-01T00:30:00", "2026-11-01T04:30:00Z"), ("2026-11-10T10:00:00", "2026-11-10T15:00:00Z"),
            ("2026-12-08T10:00:00", "2026-12-08T15:00:00Z"),
        ]
        let events = cases.enumerated().map { index, c in
            ICalendar.Event(
                uid: "ny-\(index)@banso", sequence: index, stamp: Self.at("2026-01-01T00:00:00Z"), start: Self.at(c.utc),
                end: Self.at(c.utc).addingTimeInterval(3600), timeZone: Self.newYork, summary: "Pipeline review #\(index)")
        }
        let rendered = ICalendar.Calendar(name: "NY", timeZone: Self.newYork, events: events).render()
        #expect(rendered.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"))
        #expect(rendered.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"))
        for c in cases {
            let wall = c.local.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            #expect(rendered.contains("DTSTART;TZID=America/New_York:\(wall)\r\n"), "\(c.local)")
        }
        try Self.export("new-york-2026", rendered, Expectation(
            calendar: .init(timezone: "America/New_York"), timezones: ["America/New_York": .init(standard: 1, daylight: 1)],
            events: cases.enumerated().map { index, c in
                .init(uid: "ny-\(index)@banso", summary: "Pipeline review #\(index)", sequence: index, tzid: "America/New_York", start: c.local, start_utc: c.utc)
            }))
    }

    @Test func lastSundayRulesAreWrittenAsTheLastSunday() {
        // Europe's "last Sunday of October" was the 4th Sunday in 2025 and 2026 and is the 5th in 2027.
        let definition = ICalendar.TimeZoneDefinition(
            zone: TimeZone(identifier: "Europe/London")!, covering: Self.at("2026-06-01T09:00:00Z")...Self.at("2026-06-01T10:00:00Z"))
        #expect(definition.observances.compactMap(\.rule) == [.init(month: 10, ordinal: -1, weekday: 7), .init(month: 3, ordinal: -1, weekday: 7)])
    }

    @Test func aZoneWhoseRulesEndedGetsExplicitObservances() throws {
        // Brazil stopped DST in 2019: no yearly rule runs through these events, so each change is its own.
        let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
        let cases: [(local: String, utc: String)] = [
            ("2018-06-05T09:00:00", "2018-06-05T12:00:00Z"), ("2018-12-04T09:00:00", "2018-12-04T11:00:00Z"),
            ("2019-12-03T09:00:00", "2019-12-03T12:00:00Z"), ("2020-06-02T09:00:00", "2020-06-02T12:00:00Z"),
        ]
        let events = cases.enumerated().map { index, c in
            ICalendar.Event(
                uid: "sp-\(index)@banso", sequence: 0, stamp: Self.at("2018-01-01T00:00:00Z"), start: Self.at(c.utc),
                end: Self.at(c.utc).addingTimeInterval(3600), timeZone: saoPaulo, summary: "Revisão \(index)")
        }
        let definition = ICalendar.TimeZoneDefinition(zone: saoPaulo, covering: events.first!.start...events.last!.end)
        #expect(definition.observances.allSatisfy { $0.rule == nil })
        #expect(definition.observances.last?.offsetTo == -3 * 3600)
        let rendered = ICalendar.Calendar(name: "São Paulo", events: events).render()
        for c in cases {
            let wall = c.local.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
            #expect(rendered.contains("DTSTART;TZID=America/Sao_Paulo:\(wall)\r\n"), "\(c.local)")
        }
        try Self.export("sao-paulo-2018-2020", rendered, Expectation(
            events: cases.enumerated().map { index, c in .init(uid: "sp-\(index)@banso", tzid: "America/Sao_Paulo", start: c.local, start_utc: c.utc) }))
    }

    @Test func theSecondPassThroughARepeatedHourIsWrittenInUTC() throws {
        // 01:30 happens twice in New York on 2026-11-01; a local time would name the first (05:30Z).
        let first = ICalendar.Event(
            uid: "first@banso", sequence: 0, stamp: Self.at("2026-10-01T00:00:00Z"), start: Self.at("2026-11-01T05:30:00Z"),
            end: Self.at("2026-11-01T05:45:00Z"), timeZone: Self.newYork, summary: "first pass")
        var second = first
        second.uid = "second@banso"
        second.summary = "second pass"
        second.start = Self.at("2026-11-01T06:30:00Z")
        second.end = Self.at("2026-11-01T07:15:00Z")
        let rendered = ICalendar.Calendar(name: "fall back", events: [first, second]).render()
        #expect(rendered.contains("DTSTART;TZID=America/New_York:20261101T013000\r\n"))
        #expect(rendered.contains("DTSTART:20261101T063000Z\r\n"))
        #expect(rendered.contains("DTEND;TZID=America/New_York:20261101T021500\r\n"))
        try Self.export("new-york-fall-back", rendered, Expectation(events: [
            .init(uid: "first@banso", tzid: "America/New_York", start: "2026-11-01T01:30:00", start_utc: "2026-11-01T05:30:00Z"),
            .init(uid: "second@banso", tzid: "America/New_York", end: "2026-11-01T02:15:00", start_utc: "2026-11-01T06:30:00Z",
                  end_utc: "2026-11-01T07:15:00Z", start_tzid: "UTC"),
        ]))
    }
}
