/// A contract's notice period (解約予告期間): how long before the end date notice must be given. Contracts state
/// it in months ("3ヶ月前までに") or days ("30日前までに"), and the two are not interchangeable — three months
/// before 03-31 is 12-31, not 90 days earlier (01-01 or 12-31 depending on the year).
public enum NoticePeriod: Hashable, Sendable, Codable {
    case months(Int)
    case days(Int)
}

/// When a contract must be cancelled by, and when Banso warns about it (issue 13: alerts 90/60/30 days before the
/// cancellation-notice deadline 解約予告期限, or before the end date when the contract does not auto-renew).
public struct RenewalSchedule: Hashable, Sendable, Codable {
    /// The contract's last day.
    public let endDate: LocalDate
    public let autoRenews: Bool
    /// `nil` (or zero) when the contract states none: the deadline is then the end date.
    public let notice: NoticePeriod?

    /// Days before the deadline that an alert is due, earliest first.
    public static let alertOffsets = [90, 60, 30]

    /// A negative notice period is `DomainError(.invalid, field: "notice")`.
    public init(endDate: LocalDate, autoRenews: Bool, notice: NoticePeriod?) throws {
        switch notice {
        case .months(let n) where n < 0, .days(let n) where n < 0:
            throw DomainError(.invalid, "a notice period cannot be negative", field: "notice")
        default: break
        }
        self.endDate = endDate
        self.autoRenews = autoRenews
        self.notice = notice
    }

    /// The last day to give notice (inclusive). For an auto-renewing contract: the end date minus the notice
    /// period — by calendar months for a notice in months, with the month-end rule of `LocalDate.adding(months:)`
    /// (a contract ending on a month's last day has its deadline on the last day of the earlier month:
    /// 2027-03-31 − 3 months = 2026-12-31, 2027-06-30 − 3 months = 2027-03-31, 2028-02-29 − 12 months =
    /// 2027-02-28), and by days for a notice in days. A contract that does not auto-renew simply ends, so what
    /// must be acted on by then is the renewal itself: the deadline is the end date.
    public var noticeDeadline: LocalDate {
        guard autoRenews, let notice else { return endDate }
        switch notice {
        case .months(let n): return endDate.adding(months: -n)
        case .days(let n): return endDate.adding(days: -n)
        }
    }

    /// One alert: how many days before the deadline and on which day it is due.
    public struct Alert: Hashable, Sendable, Codable {
        public let daysBefore: Int
        public let date: LocalDate
        public let deadline: LocalDate
    }

    /// The 90-, 60- and 30-day alerts, in date order.
    public var alerts: [Alert] {
        let deadline = noticeDeadline
        return Self.alertOffsets.map { Alert(daysBefore: $0, date: deadline.adding(days: -$0), deadline: deadline) }
    }

    /// The alerts due on `day` exactly (the daily schedule asks this with the org's local today).
    public func alertsDue(on day: LocalDate) -> [Alert] { alerts.filter { $0.date == day } }

    /// The alerts due after `lastRun` up to and including `day`: a schedule that missed days (downtime, a
    /// misfire) catches up without sending an alert twice.
    public func alertsDue(after lastRun: LocalDate, through day: LocalDate) -> [Alert] {
        alerts.filter { $0.date > lastRun && $0.date <= day }
    }
}
