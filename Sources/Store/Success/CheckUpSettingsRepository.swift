public import Database
public import Domain
public import Foundation

/// The org's check-up settings: one row once changed; the defaults until then (version 0).
public enum CheckUpSettingsRepository {
    public static func get(_ tx: TenantTransaction) async throws -> (settings: CheckUpSettings, version: Int, updatedAt: Date?) {
        guard let row = try await tx.query(
            """
            SELECT response_rate_threshold_percent, reminder_after_days, link_valid_days, version, updated_at
            FROM check_up_settings WHERE org_id = \(tx.org)
            """
        ).first else { return (CheckUpSettings(), 0, nil) }
        let (threshold, reminder, valid, version, updated) = try row.decode((Int, Int, Int, Int, Date).self)
        return (CheckUpSettings(responseRateThresholdPercent: threshold, reminderAfterDays: reminder, linkValidDays: valid), version, updated)
    }

    /// Saves the settings if their version is still `expectedVersion` (0: never saved); `nil` on a stale version.
    public static func put(_ tx: TenantTransaction, _ s: CheckUpSettings, expectedVersion: Int?) async throws -> (version: Int, updatedAt: Date)? {
        let rows = try await tx.query(
            """
            INSERT INTO check_up_settings AS s (org_id, response_rate_threshold_percent, reminder_after_days, link_valid_days)
            VALUES (\(tx.org), \(s.responseRateThresholdPercent), \(s.reminderAfterDays), \(s.linkValidDays))
            ON CONFLICT (org_id) DO UPDATE SET
                response_rate_threshold_percent = excluded.response_rate_threshold_percent,
                reminder_after_days = excluded.reminder_after_days, link_valid_days = excluded.link_valid_days,
                updated_at = banso_now(), version = s.version + 1
            WHERE \(expectedVersion)::int IS NULL OR s.version = \(expectedVersion)
            RETURNING version, updated_at
            """)
        guard let row = rows.first else { return nil }
        let (version, updated) = try row.decode((Int, Date).self)
        // An insert (version 1) answers only a writer who knew there was no row yet; the caller's rollback undoes it.
        if let expectedVersion, version == 1, expectedVersion != 0 { return nil }
        return (version, updated)
    }
}
