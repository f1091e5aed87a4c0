public import Foundation

extension ICalendar {
    /// A `VTIMEZONE` (RFC 5545 §3.6.5) derived from Foundation's zone data for the span a calendar's events cover.
    ///
    /// Google Calendar reads the IANA name in TZID and ignores the definition; Outlook ignores the name and reduces
    /// the definition to one yearly STANDARD and one yearly DAYLIGHT rule, each an RRULE of the form
    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` — it reads only the observance with the latest DTSTART of each kind
    /// ([MS-OXCICAL] 2.1.3.1.1.19). So where the zone's transitions around the events follow such yearly rules they
    /// are written that way, and only a zone whose rules changed near the events gets one explicit, RRULE-free
    /// observance per transition — exact for every other client, and still Outlook's best approximation.
    public struct TimeZoneDefinition: Sendable, Hashable {
        public struct Observance: Sendable, Hashable {
            public enum Kind: String, Sendable, Hashable {
                case standard = "STANDARD"
                case daylight = "DAYLIGHT"
            }

            /// "The `ordinal`th `weekday` (1 = Monday … 7 = Sunday) of `month`", -1 for the last.
            public struct YearlyRule: Sendable, Hashable {
                public var month: Int
                public var ordinal: Int
                public var weekday: Int

                public init(month: Int, ordinal: Int, weekday: Int) {
                    self.month = month
                    self.ordinal = ordinal
                    self.weekday = weekday
                }
            }

            public var kind: Kind
            /// The onset as wall-clock seconds since 1970-01-01T00:00 in the offset in force before it (§3.6.5: DTSTART
            /// is local time, before the change).
            public var start: Int
            public var offsetFrom: Int
            public var offsetTo: Int
            public var rule: YearlyRule?

            public init(kind: Kind, start: Int, offsetFrom: Int, offsetTo: Int, rule: YearlyRule? = nil) {
                self.kind = kind
                self.start = start
                self.offsetFrom = offsetFrom
                self.offsetTo = offsetTo
                self.rule = rule
            }
        }

        public var identifier: String
        public var observances: [Observance]

        /// A year either side of the events, so a DST zone always shows both its kinds (Outlook builds its yearly
        /// pair from them, even for a feed of summer meetings), the rule in force at the first event is included,
        /// and a rule still in force after the last event shows a change after it. A week more than a year: "the
        /// 2nd Sunday of March" falls up to 371 days after the previous year's.
        static let margin: TimeInterval = 373 * 86_400

        public init(zone: TimeZone, covering range: ClosedRange<Date>) {
            identifier = zone.identifier
            let first = range.lowerBound
            var transitions: [(instant: Date, observance: Observance)] = []
            var cursor = first.addingTimeInterval(-Self.margin)
            let stop = range.upperBound.addingTimeInterval(Self.margin)
            // The bound only guards against zone data that never advances.
            while transitions.count < 1_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
                  next > cursor, next <= stop {
                cursor = next
                let from = zone.secondsFromGMT(for: next.addingTimeInterval(-1))
                let to = zone.secondsFromGMT(for: next)
                // A change of name alone moves no clock.
                guard from != to else { continue }
                let kind: Observance.Kind = zone.isDaylightSavingTime(for: next) ? .daylight : .standard
                let observance = Observance(kind: kind, start: ICalendar.seconds(next) + from, offsetFrom: from, offsetTo: to)
                transitions.append((next, observance))
            }
            var prefix: [Observance] = []
            if transitions.first.map({ $0.instant > first }) ?? true {
                // The offset in force at the first event has held since before the margin (Asia/Tokyo since 1951):
                // one observance from the conventional 1970 origin states it.
                let offset = zone.secondsFromGMT(for: first)
                let kind: Observance.Kind = zone.isDaylightSavingTime(for: first) ? .daylight : .standard
                prefix = [Observance(kind: kind, start: 0, offsetFrom: offset, offsetTo: offset)]
            }
            let yearly = Self.yearlyRules(transitions, after: range.upperBound)
            observances = prefix + (yearly ?? transitions.map(\.observance))
        }

        /// The transitions as one RRULE'd observance per kind of change, or `nil` when some change is not "the nth
        /// weekday of a month" every year through the events (a rule that started or ended near them).
        static func yearlyRules(_ transitions: [(instant: Date, observance: Observance)], after last: Date) -> [Observance]? {
            struct Key: Hashable {
                var kind: Observance.Kind, offsetFrom: Int, offsetTo: Int, month: Int, weekday: Int, secondOfDay: Int
            }
            var groups: [Key: [(instant: Date, observance: Observance, date: LocalDate)]] = [:]
            var order: [Key] = []
            for transition in transitions {
                let o = transition.observance
                let days = o.start >= 0 ? o.start / 86_400 : (o.start - 86_399) / 86_400
                let date = LocalDate(daysSinceEpoch: days)
                let key = Key(
                    kind: o.kind, offsetFrom: o.offsetFrom, offsetTo: o.offsetTo, month: date.month, weekday: date.weekday,
                    secondOfDay: o.start - days * 86_400)
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((transition.instant, o, date))
            }
            var rules: [Observance] = []
            for key in order {
                let members = groups[key]!
                // Every year from the first to past the events, or the RRULE would invent or lose a change.
                guard members.last!.instant > last,
                      zip(members, members.dropFirst()).allSatisfy({ $1.date.year == $0.date.year + 1 }) else { return nil }
                // "Last" first: Europe's last Sunday of October is the 4th in some years and the 5th in others.
                let nth = Set(members.map { ($0.date.day - 1) / 7 + 1 })
                let ordinal: Int
                if members.allSatisfy({ $0.date.day + 7 > $0.date.daysInMonth }) {
                    ordinal = -1
                } else if nth.count == 1 {
                    ordinal = nth.first!
                } else {
                    return nil
                }
                var observance = members[0].observance
                observance.rule = Observance.YearlyRule(month: key.month, ordinal: ordinal, weekday: key.weekday)
                rules.append(observance)
            }
            return rules
        }

        static let weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

        /// The component's content lines, unfolded.
        func lines() -> [String] {
            // X-LIC-LOCATION: libical's clients (Evolution, Thunderbird) map the definition to their own zone by it.
            var lines = ["BEGIN:VTIMEZONE", "TZID:" + ICalendarText.escape(identifier), "X-LIC-LOCATION:" + ICalendarText.escape(identifier)]
            for o in observances {
                lines += ["BEGIN:" + o.kind.rawValue, "DTSTART:" + ICalendarText.dateTime(wallSeconds: o.start)]
                if let rule = o.rule {
                    lines.append("RRULE:FREQ=YEARLY;BYMONTH=\(rule.month);BYDAY=\(rule.ordinal)\(Self.weekdayCodes[rule.weekday - 1])")
                }
                lines += [
                    "TZOFFSETFROM:" + ICalendarText.offset(o.offsetFrom), "TZOFFSETTO:" + ICalendarText.offset(o.offsetTo),
                    "TZNAME:" + ICalendarText.offsetName(o.offsetTo), "END:" + o.kind.rawValue,
                ]
            }
            return lines + ["END:VTIMEZONE"]
        }
    }
}
