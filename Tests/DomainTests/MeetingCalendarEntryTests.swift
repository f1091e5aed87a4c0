import Domain
import Foundation
import Testing

/// A meeting occurrence as a calendar event: the body's name, its purpose and objective in the reader's language
/// and the link — nothing else; and a feed with no events still defines its zone.
@Suite struct MeetingCalendarEntryTests {
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    static let id = UUID(uuidString: "0192F0C4-0000-7000-8000-00000000000A")!

    static func entry(state: Meeting.State = .planned) -> MeetingCalendarEntry {
        MeetingCalendarEntry(
            meetingID: id, startsAt: ICalendarTests.at("2026-12-08T01:00:00Z"), endsAt: ICalendarTests.at("2026-12-08T02:00:00Z"),
            state: state, sequence: 2, updatedAt: ICalendarTests.at("2026-11-20T03:04:05Z"), bodyName: "SMB 月次レビュー",
            purpose: .decide, objective: "更新と拡大の判断をする")
    }

    @Test func anOccurrenceBecomesAnEventWithItsPurposeObjectiveAndLink() {
        let page = URL(string: "https://banso.example/meetings/0192f0c4-0000-7000-8000-00000000000a")!
        let event = Self.entry().event(in: Self.tokyo, page: page, locale: .ja)
        #expect(event.uid == "0192f0c4-0000-7000-8000-00000000000a@banso", "lower case, as the API writes ids")
        #expect(event.sequence == 2 && event.stamp == ICalendarTests.at("2026-11-20T03:04:05Z"))
        #expect(event.summary == "SMB 月次レビュー" && event.status == .confirmed && event.url == page)
        #expect(event.description == "目的: 意思決定\n更新と拡大の判断をする\n\n" + page.absoluteString)
        let english = Self.entry().event(in: Self.tokyo, page: nil, locale: .en)
        #expect(english.description == "Purpose: decide\n更新と拡大の判断をする" && english.url == nil)
        #expect(Self.entry(state: .cancelled).event(in: Self.tokyo, page: nil, locale: .ja).status == .cancelled)
        #expect(Self.entry(state: .held).event(in: Self.tokyo, page: nil, locale: .ja).status == .confirmed)
    }

    @Test func everyPurposeHasWordsInBothLanguages() {
        for purpose in MeetingPurpose.allCases {
            var entry = Self.entry()
            entry.purpose = purpose
            let ja = entry.event(in: Self.tokyo, page: nil, locale: .ja).description
            let en = entry.event(in: Self.tokyo, page: nil, locale: .en).description
            #expect(ja.hasPrefix("目的: ") && en.hasPrefix("Purpose: ") && !ja.contains(purpose.rawValue), "\(purpose)")
        }
    }

    @Test func theWindowReaches60DaysBackAndPastThePlannedYear() {
        let now = ICalendarTests.at("2026-11-24T03:00:00Z")
        let window = MeetingCalendarEntry.feedWindow(at: now)
        #expect(window.lowerBound == ICalendarTests.at("2026-09-25T03:00:00Z"))
        // A series is planned 12 months ahead; the feed shows at least 13.
        #expect(window.upperBound >= ICalendarTests.at("2027-12-24T03:00:00Z"))
    }

    @Test func anEmptyFeedStillCarriesItsZone() throws {
        let now = ICalendarTests.at("2026-06-01T00:00:00Z")
        let newYork = TimeZone(identifier: "America/New_York")!
        let window = MeetingCalendarEntry.feedWindow(at: now)
        let rendered = MeetingCalendarEntry.calendar(
            name: "Banso — Pat", zone: newYork, window: window, entries: [], page: { _ in nil }, locale: .en
        ).render()
        #expect(!rendered.contains("BEGIN:VEVENT"))
        #expect(rendered.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"))
        #expect(rendered.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n") && rendered.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"))
        try ICalendarTests.export("empty-new-york", rendered, .init(
            calendar: .init(name: "Banso — Pat", timezone: "America/New_York", refresh: "PT1H"),
            timezones: ["America/New_York": .init(standard: 1, daylight: 1)], events: []))

        // A zone the events already use is defined over them, as before; the window adds nothing.
        let withEvent = MeetingCalendarEntry.calendar(
            name: "x", zone: Self.tokyo, window: window, entries: [Self.entry()], page: { _ in nil }, locale: .ja).render()
        #expect(withEvent.components(separatedBy: "BEGIN:VTIMEZONE").count == 2)
        // Without a window and without events there is nothing to define the zone over.
        #expect(!ICalendar.Calendar(name: "x", timeZone: Self.tokyo, events: []).render().contains("VTIMEZONE"))
    }
}
