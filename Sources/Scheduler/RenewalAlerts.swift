public import Store

/// Renewal alerts 90, 60 and 30 days before each contract's cancellation-notice deadline.
public enum RenewalAlerts {
    /// Gives every org that lacks them this part's built-in schedules.
    public static func ensureSchedules(_ store: Store) async throws {}

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] { [:] }
}
