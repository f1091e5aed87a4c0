public import Foundation
import Synchronization

/// Where Banso's "now" comes from: the one place that reads the wall clock (DESIGN §4).
///
/// The server, the worker and the CLI are handed a clock when they are built — ``live`` in production — and every
/// decision about time asks it, never `Date()`. The ``Store`` carries the clock into SQL too: a transaction of a
/// clock that is not live pins `banso.now`, which `banso_now()` (migration 0014) returns in place of PostgreSQL's
/// `now()`, so the Swift side and the SQL side of one decision read the same instant. Tests build the app with a
/// clock that starts at a fixed instant, so they mean the same on any date.
public struct AppClock: Sendable {
    enum Source: Sendable {
        case live
        case fixed(Date)
        /// A fixed start that moves on with real elapsed time: dates are reproducible, durations (leases,
        /// timeouts) still pass.
        case running(from: Date, since: ContinuousClock.Instant)
        case manual(ManualTime)
    }

    let source: Source

    /// The wall clock.
    public static let live = AppClock(source: .live)

    /// Always `instant`: a catch-up run "as of" a time (`banso worker --once --now`).
    public static func fixed(_ instant: Date) -> AppClock { AppClock(source: .fixed(instant)) }

    /// Starts at `instant` and advances with real elapsed time.
    public static func running(from instant: Date) -> AppClock {
        AppClock(source: .running(from: instant, since: ContinuousClock.now))
    }

    /// Whatever `time` is set to; whoever holds `time` travels.
    public static func manual(_ time: ManualTime) -> AppClock { AppClock(source: .manual(time)) }

    /// The current instant.
    public var now: Date {
        switch source {
        case .live: Date()
        case .fixed(let instant): instant
        case .running(let start, let since):
            start.addingTimeInterval(Self.seconds(ContinuousClock.now - since))
        case .manual(let time): time.instant
        }
    }

    /// Whether this is the wall clock, which PostgreSQL's own `now()` already agrees with.
    public var isLive: Bool {
        if case .live = source { return true }
        return false
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// An instant that its holder sets or advances: tests that travel in time.
public final class ManualTime: Sendable {
    private let value: Mutex<Date>

    public init(_ instant: Date) { value = Mutex(instant) }

    public var instant: Date { value.withLock { $0 } }

    public func set(_ instant: Date) { value.withLock { $0 = instant } }

    public func advance(by seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
