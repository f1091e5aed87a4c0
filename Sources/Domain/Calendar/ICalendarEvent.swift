public import Foundation

extension ICalendar {
    /// One meeting occurrence as a `VEVENT`. Each occurrence is its own event rather than an instance of an RRULE
    /// series: a rescheduled or cancelled occurrence is then just this event with a higher sequence, which every
    /// client applies, where a series' exceptions (RECURRENCE-ID) are handled unevenly.
    public struct Event: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable {
            case confirmed = "CONFIRMED"
            case cancelled = "CANCELLED"
        }

        /// Stable for the occurrence across every change, so clients update the event instead of adding one.
        public var uid: String
        /// Raised on every change (reschedule, retitle, cancel): a client keeps its copy unless the sequence grew.
        public var sequence: Int
        /// When this version of the event was made; written in UTC.
        public var stamp: Date
        public var start: Date
        public var end: Date
        /// The zone the times are written in (the body's): the meeting stays at 10:00 across its zone's DST change.
        public var timeZone: TimeZone
        public var summary: String
        /// Plain text. Google Calendar shows no URL property, so a caller that wants the link seen puts it here too.
        public var description: String
        public var url: URL?
        public var status: Status

        public init(
            uid: String, sequence: Int, stamp: Date, start: Date, end: Date, timeZone: TimeZone, summary: String,
            description: String = "", url: URL? = nil, status: Status = .confirmed
        ) {
            self.uid = uid
            self.sequence = sequence
            self.stamp = stamp
            self.start = start
            self.end = end
            self.timeZone = timeZone
            self.summary = summary
            self.description = description
            self.url = url
            self.status = status
        }

        /// The uid of a stored occurrence: its id is already unique, and the domain keeps it unique among the
        /// events of other producers in the same calendar (RFC 5545 §3.8.4.7).
        public static func uid(occurrence id: String) -> String { "\(id)@banso" }

        /// The event's content lines, unfolded.
        func lines() -> [String] {
            var lines = [
                "BEGIN:VEVENT",
                "UID:" + ICalendarText.escape(uid),
                "SEQUENCE:" + String(max(0, sequence)),
                "DTSTAMP:" + ICalendarText.dateTime(wallSeconds: ICalendar.seconds(stamp)) + "Z",
                "DTSTART" + ICalendar.localValue(start, in: timeZone),
                "DTEND" + ICalendar.localValue(max(start, end), in: timeZone),
                "SUMMARY:" + ICalendarText.escape(summary),
            ]
            if !description.isEmpty { lines.append("DESCRIPTION:" + ICalendarText.escape(description)) }
            if let url { lines.append("URL:" + ICalendarText.uri(url.absoluteString)) }
            lines += ["STATUS:" + status.rawValue, "END:VEVENT"]
            return lines
        }
    }
}

extension ICalendar {
    /// Whole seconds since the epoch: iCalendar has no fractions, and flooring keeps equal inputs equal bytes.
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }

    /// `;TZID=<zone>:<local time>` — or `:<UTC>Z` for the second pass through the hour a DST fall-back repeats,
    /// because a local time there names the first pass (§3.3.5) and would put the meeting an hour early.
    static func localValue(_ instant: Date, in zone: TimeZone) -> String {
        let utc = seconds(instant)
        let offset = zone.secondsFromGMT(for: instant)
        let wall = utc + offset
        let earlier = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc - 86_400)))
        if earlier > offset {
            let firstPass = wall - earlier
            if firstPass < utc, zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(firstPass))) == earlier {
                return ":" + ICalendarText.dateTime(wallSeconds: utc) + "Z"
            }
        }
        return ";TZID=" + ICalendarText.parameter(zone.identifier) + ":" + ICalendarText.dateTime(wallSeconds: wall)
    }
}
