public import Store

/// The monthly health run and on-demand rescoring: every customer scored with the org's current model.
public enum HealthScoring {
    /// Gives every org that lacks them this part's built-in schedules.
    public static func ensureSchedules(_ store: Store) async throws {}

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] { [:] }
}
