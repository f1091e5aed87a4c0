public import Foundation

/// iCalendar (RFC 5545) output for calendar subscriptions: a `VCALENDAR` of `VEVENT`s with the `VTIMEZONE`s they
/// refer to, as bytes a feed can serve. Pure: the same calendar always renders to the same bytes, so a feed's ETag
/// is a hash of them. What goes in is the caller's choice — the writer adds nothing about customers or figures.
public enum ICalendar {}

extension ICalendar {
    public struct Calendar: Sendable, Hashable {
        public var productID: String
        /// Shown as the calendar's name by calendar clients (RFC 7986 NAME; Google, Apple and Outlook read X-WR-CALNAME).
        public var name: String
        /// The zone clients show the calendar in when they have no better idea (X-WR-TIMEZONE).
        public var timeZone: TimeZone?
        /// How often subscribers should fetch again. Google ignores it and polls on its own schedule; Apple and
        /// Outlook honour REFRESH-INTERVAL (RFC 7986) or the older X-PUBLISHED-TTL.
        public var refreshMinutes: Int
        public var events: [Event]
        /// The span the calendar stands for (a feed's window). When no event is in `timeZone`, that zone is defined
        /// over this span anyway — above all for a feed with no events yet: RFC 5545 §3.4 wants at least one
        /// component in a VCALENDAR, and a client that reads only VTIMEZONEs (Outlook) still learns the zone.
        public var window: ClosedRange<Date>?

        public init(
            productID: String = "-//Banso//Meetings//EN", name: String, timeZone: TimeZone? = nil, refreshMinutes: Int = 60,
            events: [Event], window: ClosedRange<Date>? = nil
        ) {
            self.productID = productID
            self.name = name
            self.timeZone = timeZone
            self.refreshMinutes = refreshMinutes
            self.events = events
            self.window = window
        }

        /// The calendar as an iCalendar object: UTF-8, CRLF line ends, folded at 75 octets. Events are written in
        /// order of start (then uid), zones in order of name, so the bytes do not depend on the order given.
        public func render() -> String {
            let events = events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
            var lines = [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ICalendarText.escape(productID), "CALSCALE:GREGORIAN",
                // RFC 7986's NAME, and X-WR-CALNAME for the clients that only know the older property.
                "METHOD:PUBLISH", "NAME:" + ICalendarText.escape(name), "X-WR-CALNAME:" + ICalendarText.escape(name),
            ]
            if let timeZone { lines.append("X-WR-TIMEZONE:" + ICalendarText.escape(timeZone.identifier)) }
            let refresh = Self.duration(minutes: max(1, refreshMinutes))
            lines += ["REFRESH-INTERVAL;VALUE=DURATION:" + refresh, "X-PUBLISHED-TTL:" + refresh]
            for definition in Self.timeZoneDefinitions(for: events, calendarZone: timeZone, window: window) {
                lines += definition.lines()
            }
            for event in events { lines += event.lines() }
            lines.append("END:VCALENDAR")
            return lines.map(ICalendarText.fold).joined()
        }

        /// One definition per zone the events use, covering that zone's events; and the calendar's own zone over
        /// `window` when no event uses it.
        static func timeZoneDefinitions(
            for events: [Event], calendarZone: TimeZone? = nil, window: ClosedRange<Date>? = nil
        ) -> [TimeZoneDefinition] {
            var spans: [String: (zone: TimeZone, first: Date, last: Date)] = [:]
            for event in events {
                let end = max(event.start, event.end)
                if let span = spans[event.timeZone.identifier] {
                    spans[event.timeZone.identifier] = (span.zone, min(span.first, event.start), max(span.last, end))
                } else {
                    spans[event.timeZone.identifier] = (event.timeZone, event.start, end)
                }
            }
            if let zone = calendarZone, let window, spans[zone.identifier] == nil {
                spans[zone.identifier] = (zone, window.lowerBound, window.upperBound)
            }
            return spans.keys.sorted().map { id in
                let span = spans[id]!
                return TimeZoneDefinition(zone: span.zone, covering: span.first...span.last)
            }
        }

        /// A DURATION value (§3.3.6) in whole hours where it can be.
        static func duration(minutes: Int) -> String {
            minutes % 60 == 0 ? "PT\(minutes / 60)H" : "PT\(minutes)M"
        }
    }
}
