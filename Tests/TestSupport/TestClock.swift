public import Database
public import Foundation
public import Store

/// What "now" is in a test: never the wall clock, so a test means the same on any date it runs.
public enum TestClock {
    /// Where every test's clock starts unless the test says otherwise: Tuesday 24 November 2026, 12:00 in Tokyo —
    /// mid-month of the second half of FY2026, after November's check-in day and before December's.
    public static let reference = Date(timeIntervalSince1970: 1_795_489_200)

    /// A clock that starts at ``reference`` and moves on with elapsed time, so leases and timeouts still pass.
    public static var clock: AppClock { .running(from: reference) }

    /// The instant of an ISO 8601 text such as `2026-12-01T09:00:00+09:00`.
    public static func instant(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { preconditionFailure("not an ISO 8601 instant: \(text)") }
        return date
    }
}

extension Store {
    /// A store on `database` whose clock is the tests' (``TestClock/clock``).
    public static func testing(_ database: Database, clock: AppClock = TestClock.clock) -> Store {
        Store(database: database, clock: clock)
    }
}
