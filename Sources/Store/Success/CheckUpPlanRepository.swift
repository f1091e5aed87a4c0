public import Database
public import Domain
public import Foundation

extension SurveyRecipients: TextColumn {}

/// Teams' monthly check-up plans: one row per team that saved one; the defaults (off) until then.
public enum CheckUpPlanRepository {
    static let columns: SQLQuery = "team_id, enabled, template_id, segment, day_of_month, recipients, updated_at, version"

    static func decode(_ row: Row) throws -> CheckUpPlan {
        var r = RowReader(row)
        return CheckUpPlan(
            teamID: try r.next(), enabled: try r.next(), templateID: try r.next(), segment: try r.next(), dayOfMonth: try r.next(),
            recipients: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func get(_ tx: TenantTransaction, team: UUID) async throws -> CheckUpPlan? {
        try await tx.query("SELECT \(columns) FROM check_up_plan WHERE org_id = \(tx.org) AND team_id = \(team)").first.map(decode)
    }

    /// The saved plans of `teams`, by team, in one statement.
    public static func list(_ tx: TenantTransaction, teams: [UUID]) async throws -> [UUID: CheckUpPlan] {
        guard !teams.isEmpty else { return [:] }
        let plans = try await tx.query(
            "SELECT \(columns) FROM check_up_plan WHERE org_id = \(tx.org) AND team_id = ANY(\(Array(Set(teams))))").map(decode)
        return Dictionary(plans.map { ($0.teamID, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Saves the plan if its stored version is still `expectedVersion` (0: never saved); `nil` on a stale version.
    public static func put(_ tx: TenantTransaction, _ p: CheckUpPlan, expectedVersion: Int?) async throws -> CheckUpPlan? {
        let rows = try await tx.query(
            """
            INSERT INTO check_up_plan AS p (org_id, team_id, enabled, template_id, segment, day_of_month, recipients)
            VALUES (\(tx.org), \(p.teamID), \(p.enabled), \(p.templateID), \(p.segment), \(p.dayOfMonth), \(p.recipients))
            ON CONFLICT (org_id, team_id) DO UPDATE SET
                enabled = excluded.enabled, template_id = excluded.template_id, segment = excluded.segment,
                day_of_month = excluded.day_of_month, recipients = excluded.recipients, updated_at = banso_now(), version = p.version + 1
            WHERE \(expectedVersion)::int IS NULL OR p.version = \(expectedVersion)
            RETURNING \(columns)
            """)
        guard let saved = try rows.first.map(decode) else { return nil }
        // An insert (version 1) answers only a writer who knew there was no plan yet; the caller's rollback undoes it.
        if let expectedVersion, saved.version == 1, expectedVersion != 0 { return nil }
        return saved
    }

    /// The org's plans that are on.
    public static func enabled(_ tx: TenantTransaction) async throws -> [CheckUpPlan] {
        try await tx.query("SELECT \(columns) FROM check_up_plan WHERE org_id = \(tx.org) AND enabled ORDER BY team_id").map(decode)
    }
}
