public import Database
public import Domain
public import Foundation

/// What goal and check-in decisions need to know about the org, read once per request: its fiscal calendar,
/// the reader's language, goal rules, business calendar and today's date in its time zone (by the database's clock, so every
/// node agrees).
public struct OrgFacts: Sendable {
    public var startMonth: Int
    public var timeZone: String
    /// The reader's language (the member's own, else the org's).
    public var locale: Organization.Locale
    /// The org's language, for people who chose none.
    public var orgLocale: Organization.Locale
    public var settings: GoalSettings
    public var calendar: BusinessCalendar
    public var today: LocalDate

    public static func load(_ tx: TenantTransaction, reader: UUID?) async throws -> OrgFacts {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: reader)
        return OrgFacts(
            startMonth: facts.startMonth, timeZone: facts.timeZone, locale: facts.locale, orgLocale: facts.orgLocale,
            settings: try await GoalSettingsRepository.get(tx),
            calendar: try await GoalSettingsRepository.businessCalendar(tx), today: facts.today)
    }

    /// Reads a period in this org's fiscal calendar, or 422 naming `field`.
    public func period(_ text: String, field: String = "period") throws -> FiscalPeriod {
        do {
            return try FiscalPeriod.parse(text, fiscalYearStartMonth: startMonth)
        } catch {
            throw DomainError(
                .invalid, "'\(text)' is not a period of this organisation's fiscal calendar (FY2026, FY2026-H1, FY2026-Q3, 2026-11)",
                field: field)
        }
    }
}
