public import Store

/// The schedules every org has from the start: the check-in cadence and the notification digests.
public enum BuiltInSchedules {
    /// Gives every org that lacks them its built-in schedules (new orgs, and orgs from before a schedule existed).
    public static func ensure(_ store: Store) async throws {
        try await CheckInCadence.ensureSchedules(store)
        try await NotificationDigests.ensureSchedules(store)
        try await HealthScoring.ensureSchedules(store)
        try await RenewalAlerts.ensureSchedules(store)
        try await ImportProcessing.ensureSchedules(store)
    }
}
