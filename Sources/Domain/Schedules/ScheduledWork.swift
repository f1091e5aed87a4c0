/// The work an org, or a goal's owner, may put on a schedule of their own through the API (DESIGN §5). The
/// built-in schedules (check-in cadence, digests) are not among them: their timing follows the org's settings.
public enum ScheduledWork: String, Sendable, Codable, CaseIterable {
    /// Reminds a goal's owner to update it, in their language, with the schedule's own message if it has one.
    case goalNudge = "goal.nudge"
    /// Sends the `schedule.fired` event to the org's webhooks (a Slack or Teams channel's weekly prompt, say).
    case webhookBroadcast = "webhook.broadcast"

    /// What the schedule is attached to.
    public var subjectType: Schedule.SubjectType {
        switch self {
        case .goalNudge: .goal
        case .webhookBroadcast: .org
        }
    }

    /// A reminder is useless when it is late (DESIGN §5: only if at most an hour late).
    public var defaultMisfire: MisfirePolicy { .skip }
    public var defaultMaxLateness: Double { 3600 }
}

extension Schedule {
    public enum SubjectType: String, Sendable, Codable, CaseIterable {
        case org, goal
    }

    /// Built-in schedules are kept by Banso; an org may pause one but not re-time or delete it.
    public var isBuiltIn: Bool { ScheduledWork(rawValue: jobKind) == nil }
}
