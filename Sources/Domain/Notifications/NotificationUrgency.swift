/// What a notification is for, which decides how far a member's preferences may hold it back.
public enum NotificationUrgency: String, Sendable, Codable {
    /// To a manager or admin because something was missed: never muted, held or capped.
    case escalation
    /// A reminder the system sends on its own schedule: counts against the org's weekly cap.
    case nudge
    /// News of something a person did (an assignment, a review): preferences apply, the cap does not.
    case info
}

extension NotificationMessage.Kind {
    public var urgency: NotificationUrgency {
        switch self {
        case .checkInOverdue, .scheduleMissed, .webhookDisabled, .mailRelayChanged, .programOverBudget: .escalation
        case .checkInDueSoon, .checkInDue, .reviewsWaiting, .goalNudge, .programReminder: .nudge
        case .accountabilityAssigned, .accountabilityDeclined, .checkInReviewed, .checkInChangesRequested,
            .checkInSubmitted, .workTransferred, .digest, .customerHealthDropped, .renewalAlert, .meetingAgenda,
            .customerSuccessChanged, .processStep:
            .info
        }
    }
}
