public import Database
public import Domain
public import Foundation

/// The org's goal rules and the closure days of its business calendar.
public enum GoalSettingsRepository {
    public static func get(_ tx: TenantTransaction) async throws -> GoalSettings {
        let stored = try await tx.query("SELECT goal_settings FROM org WHERE id = \(tx.org)").scalar(JSON<GoalSettings>?.self)
        return stored??.value ?? .default
    }

    public static func set(_ tx: TenantTransaction, _ settings: GoalSettings) async throws {
        try await tx.execute("UPDATE org SET goal_settings = \(JSON(settings)), updated_at = banso_now() WHERE id = \(tx.org)")
    }

    /// The org's calendar: weekends, Japanese public holidays and its closure days.
    ///
    /// Japanese public holidays count for orgs on Japan's clock; an org elsewhere keeps weekends and its own closures
    /// (a holiday calendar per country is a later setting).
    public static func businessCalendar(_ tx: TenantTransaction) async throws -> BusinessCalendar {
        let days = try await tx.query("SELECT day FROM org_closure WHERE org_id = \(tx.org)").decodeColumn(LocalDate.self)
        let zone = try await tx.query("SELECT time_zone FROM org WHERE id = \(tx.org)").scalar(String.self)
        return BusinessCalendar.forOrg(timeZone: zone, closures: Set(days))
    }

    /// The org's fiscal calendar, time zone, the reader's language (the member's, else the org's) and today's date
    /// there (by the database's clock) in one read.
    public static func calendarFacts(_ tx: TenantTransaction, reader: UUID?) async throws
        -> (startMonth: Int, timeZone: String, locale: Organization.Locale, orgLocale: Organization.Locale, today: LocalDate)
    {
        let rows = try await tx.query(
            """
            SELECT o.fiscal_year_start_month, o.time_zone, coalesce(m.locale, o.locale), o.locale,
                (banso_now() AT TIME ZONE o.time_zone)::date
            FROM org o LEFT JOIN member m ON m.org_id = o.id AND m.id = \(reader)
            WHERE o.id = \(tx.org)
            """)
        let (month, zone, locale, orgLocale, today) = try rows[0].decode((Int, String, String, String, LocalDate).self)
        return (month, zone, Organization.Locale(rawValue: locale) ?? .ja, Organization.Locale(rawValue: orgLocale) ?? .ja, today)
    }

    /// Each member's language (their own, else the org's), in one read: a notice to several people speaks to each in
    /// theirs.
    public static func locales(_ tx: TenantTransaction, members: [UUID]) async throws -> [UUID: Organization.Locale] {
        let wanted = Array(Set(members))
        guard !wanted.isEmpty else { return [:] }
        var locales: [UUID: Organization.Locale] = [:]
        for row in try await tx.query(
            """
            SELECT m.id, coalesce(m.locale, o.locale) FROM member m JOIN org o ON o.id = m.org_id
            WHERE m.org_id = \(tx.org) AND m.id = ANY(\(wanted))
            """)
        {
            let (id, locale) = try row.decode((UUID, String).self)
            locales[id] = Organization.Locale(rawValue: locale) ?? .ja
        }
        return locales
    }
}

extension GoalSettingsRepository {
    public struct Closure: Sendable, Equatable {
        public var day: LocalDate
        public var name: String
        public init(day: LocalDate, name: String) {
            self.day = day
            self.name = name
        }
    }

    public static func closures(_ tx: TenantTransaction, from: LocalDate, through: LocalDate) async throws -> [Closure] {
        try await tx.query(
            "SELECT day, name FROM org_closure WHERE org_id = \(tx.org) AND day BETWEEN \(from) AND \(through) ORDER BY day"
        ).map { row in
            let (day, name) = try row.decode((LocalDate, String).self)
            return Closure(day: day, name: name)
        }
    }

    /// Adds (or renames) closure days; returns how many were new.
    @discardableResult
    public static func addClosures(_ tx: TenantTransaction, _ closures: [Closure]) async throws -> Int {
        try await tx.query(
            """
            INSERT INTO org_closure (org_id, day, name)
            SELECT \(tx.org), d, n FROM unnest(\(closures.map(\.day))::date[], \(closures.map(\.name))::text[]) AS c(d, n)
            ON CONFLICT (org_id, day) DO UPDATE SET name = excluded.name
            RETURNING (xmax = 0)
            """
        ).decodeColumn(Bool.self).filter { $0 }.count
    }

    public static func removeClosure(_ tx: TenantTransaction, day: LocalDate) async throws -> Bool {
        try await tx.execute("DELETE FROM org_closure WHERE org_id = \(tx.org) AND day = \(day)") == 1
    }
}
