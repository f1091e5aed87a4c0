public import Foundation

/// How a member wants to be told (DESIGN §5, "no reminder fatigue"). Escalations ignore all of it: a manager
/// hearing that a check-in is overdue is the safety net, and a preference must not be able to cut it.
public struct NotificationPreferences: Sendable, Equatable {
    /// Kinds the member does not want at all. Escalation kinds cannot be muted.
    public var mutedKinds: Set<NotificationMessage.Kind>
    /// Hours in the member's own time zone when nothing reaches them; what comes in then waits for the digest.
    public var quietHours: QuietHours?
    /// Everything that is not an escalation waits for one daily summary instead of arriving one by one.
    public var digest: Bool
    /// When the daily summary goes out, in the member's time zone.
    public var digestAt: LocalTime
    /// Whether delivered notifications are also sent by e-mail (the inbox always has them).
    public var email: Bool

    public init(
        mutedKinds: Set<NotificationMessage.Kind> = [], quietHours: QuietHours? = nil, digest: Bool = false,
        digestAt: LocalTime = LocalTime(hour: 9, minute: 0)!, email: Bool = true
    ) {
        self.mutedKinds = mutedKinds
        self.quietHours = quietHours
        self.digest = digest
        self.digestAt = digestAt
        self.email = email
    }

    public static let `default` = NotificationPreferences()
}

/// A daily span of local time; `start` after `end` wraps past midnight (22:00–07:00).
public struct QuietHours: Sendable, Equatable {
    public var start: LocalTime
    public var end: LocalTime

    public init?(start: LocalTime, end: LocalTime) {
        guard start != end else { return nil }
        self.start = start
        self.end = end
    }

    public func contains(_ time: LocalTime) -> Bool {
        start < end ? (start <= time && time < end) : (time >= start || time < end)
    }
}
