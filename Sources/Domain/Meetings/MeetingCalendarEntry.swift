public import Foundation

/// What a subscribed calendar learns of one meeting occurrence: when, which body, its purpose and objective, and
/// the link to its page. Never its agenda, minutes or decisions: a calendar lives at Google or Microsoft, shared
/// with assistants and delegates, so no customer name, goal or figure goes there (issue 14) — whoever follows
/// the link signs in and sees only what they may.
public struct MeetingCalendarEntry: Sendable, Hashable {
    public var meetingID: UUID
    public var startsAt: Date
    public var endsAt: Date
    public var state: Meeting.State
    public var sequence: Int
    /// The occurrence's last change: the event's DTSTAMP, so a client can tell versions apart even where the
    /// sequence did not move.
    public var updatedAt: Date
    public var bodyName: String
    public var purpose: MeetingPurpose
    public var objective: String

    public init(
        meetingID: UUID, startsAt: Date, endsAt: Date, state: Meeting.State, sequence: Int, updatedAt: Date, bodyName: String,
        purpose: MeetingPurpose, objective: String
    ) {
        (self.meetingID, self.startsAt, self.endsAt, self.state, self.sequence) = (meetingID, startsAt, endsAt, state, sequence)
        (self.updatedAt, self.bodyName, self.purpose, self.objective) = (updatedAt, bodyName, purpose, objective)
    }

    /// The occurrence as a `VEVENT` in `zone`. A cancelled one stays in the feed as CANCELLED: a subscribed client
    /// removes an event it is told was cancelled, while one that merely disappears lingers in some clients' caches.
    /// - Parameter page: the occurrence's page; repeated in the description because Google shows no URL property.
    public func event(in zone: TimeZone, page: URL?, locale: Organization.Locale) -> ICalendar.Event {
        var lines = [Self.purposeLine(purpose, locale), objective]
        if let page { lines += ["", page.absoluteString] }
        return ICalendar.Event(
            uid: ICalendar.Event.uid(occurrence: meetingID.uuidString.lowercased()), sequence: sequence, stamp: updatedAt,
            start: startsAt, end: endsAt, timeZone: zone, summary: bodyName, description: lines.joined(separator: "\n"), url: page,
            status: state == .cancelled ? .cancelled : .confirmed)
    }

    static func purposeLine(_ purpose: MeetingPurpose, _ locale: Organization.Locale) -> String {
        switch locale {
        case .ja:
            let words: String =
                switch purpose {
                case .decide: "意思決定"
                case .share: "情報共有"
                case .ideate: "アイデア出し"
                case .discuss: "議論"
                case .motivate: "士気向上"
                }
            return "目的: " + words
        case .en:
            let words: String =
                switch purpose {
                case .decide: "decide"
                case .share: "share information"
                case .ideate: "generate ideas"
                case .discuss: "discuss"
                case .motivate: "raise morale"
                }
            return "Purpose: " + words
        }
    }
}

extension MeetingCalendarEntry {
    /// How far back a feed reaches: last month's meetings stay in the calendar for reference.
    public static let feedDaysBack = 60
    /// How far ahead a feed reaches: one more month than the series is planned, so the whole plan shows.
    public static let feedMonthsAhead = 13

    /// The instants a feed read at `now` covers.
    public static func feedWindow(at now: Date) -> ClosedRange<Date> {
        let from = now.addingTimeInterval(-Double(feedDaysBack) * 86_400)
        // 13 months as 31-day months: a day or two too many costs nothing, a missing meeting would.
        let through = now.addingTimeInterval(Double(feedMonthsAhead) * 31 * 86_400)
        return from...through
    }

    /// The calendar a feed answers: named for the member ("Banso — 佐藤 花子") or for the body, in the org's zone.
    public static func calendar(
        name: String, zone: TimeZone, window: ClosedRange<Date>, entries: [MeetingCalendarEntry], page: (UUID) -> URL?,
        locale: Organization.Locale
    ) -> ICalendar.Calendar {
        ICalendar.Calendar(
            name: name, timeZone: zone, refreshMinutes: 60,
            events: entries.map { $0.event(in: zone, page: page($0.meetingID), locale: locale) }, window: window)
    }

    /// The name of a member's own feed.
    public static func memberCalendarName(_ displayName: String) -> String { "Banso — " + displayName }
}
