public import Store

/// The job that processes an uploaded CSV import (or its dry run).
public enum ImportProcessing {
    /// Gives every org that lacks them this part's built-in schedules.
    public static func ensureSchedules(_ store: Store) async throws {}

    /// The handlers this part contributes to a worker.
    public static var handlers: [String: JobHandler] { [:] }
}
