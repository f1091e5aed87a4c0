public import Foundation

/// Decides what happens to one notification for one member, as of `now` (DESIGN §5).
public enum NotificationPolicy {
    public enum Decision: Equatable, Sendable {
        /// Into the inbox now (and by e-mail if the member takes e-mail).
        case deliver
        /// Kept back for the member's next digest.
        case hold(HoldReason)
        /// The member muted this kind: recorded, never shown.
        case mute
    }

    public enum HoldReason: String, Sendable, Codable {
        case digest
        case quietHours = "quiet_hours"
        case weeklyCap = "weekly_cap"
    }

    /// - Parameters:
    ///   - nudgesThisWeek: nudges already delivered to the member in their current local week.
    ///   - weeklyCap: the org's cap on nudges per member per week; nil means none.
    public static func decide(
        _ kind: NotificationMessage.Kind, preferences: NotificationPreferences, zone: TimeZone, now: Date,
        nudgesThisWeek: Int, weeklyCap: Int?
    ) -> Decision {
        let urgency = kind.urgency
        if urgency == .escalation { return .deliver }
        if preferences.mutedKinds.contains(kind) { return .mute }
        if preferences.digest { return .hold(.digest) }
        if let quiet = preferences.quietHours, quiet.contains(localTime(of: now, in: zone)) { return .hold(.quietHours) }
        if urgency == .nudge, let weeklyCap, nudgesThisWeek >= weeklyCap { return .hold(.weeklyCap) }
        return .deliver
    }

    /// Whether the member's digest is due: their digest time has come today, outside their quiet hours, and no
    /// digest went out yet today (`lastDigestOn` is a local date).
    public static func digestDue(preferences: NotificationPreferences, zone: TimeZone, now: Date, lastDigestOn: LocalDate?) -> Bool {
        let today = Recurrence.localDate(of: now, in: zone)
        if let lastDigestOn, lastDigestOn >= today { return false }
        let time = localTime(of: now, in: zone)
        if let quiet = preferences.quietHours, quiet.contains(time) { return false }
        return time >= preferences.digestAt
    }

    /// The instant the member's local week (Monday 00:00) began: the weekly cap counts from here.
    public static func weekStart(of now: Date, in zone: TimeZone) -> Date {
        let today = Recurrence.localDate(of: now, in: zone)
        let monday = today.adding(days: 1 - today.weekday)
        return Recurrence.instant(monday, LocalTime(hour: 0, minute: 0)!, in: zone)
    }

    static func localTime(of instant: Date, in zone: TimeZone) -> LocalTime { Recurrence.localTime(of: instant, in: zone) }
}
