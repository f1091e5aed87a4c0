public import Foundation

/// A unit of background work in the durable queue (DESIGN §5).
public struct Job: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Waiting for its `run_at`, then for a worker.
        case available
        /// Claimed: a worker holds its lease.
        case running
        /// Failed, waiting for its next attempt.
        case retryable
        case completed
        /// Failed `max_attempts` times; every error is kept.
        case discarded
        case cancelled

        public var isFinal: Bool { self == .completed || self == .discarded || self == .cancelled }
    }

    /// One failed attempt, kept on the job.
    public struct Failure: Sendable, Equatable, Codable {
        public var attempt: Int
        public var at: Date
        public var error: String

        public init(attempt: Int, at: Date, error: String) {
            self.attempt = attempt
            self.at = at
            self.error = error
        }
    }

    public var id: UUID
    public var orgID: UUID?
    public var queue: String
    public var kind: String
    /// The payload as JSON text; handlers decode their own type.
    public var payload: String
    public var priority: Int
    public var state: State
    public var attempt: Int
    public var maxAttempts: Int
    public var runAt: Date
    public var uniqueKey: String?
    /// The claim's token: completing or failing needs it, so a worker whose lease expired cannot touch the job.
    public var leaseOwner: UUID?
    public var leaseExpiresAt: Date?
    public var errors: [Failure]
    public var createdAt: Date
    public var attemptedAt: Date?
    public var finishedAt: Date?

    public init(
        id: UUID, orgID: UUID?, queue: String, kind: String, payload: String, priority: Int, state: State, attempt: Int,
        maxAttempts: Int, runAt: Date, uniqueKey: String?, leaseOwner: UUID?, leaseExpiresAt: Date?, errors: [Failure],
        createdAt: Date, attemptedAt: Date?, finishedAt: Date?
    ) {
        self.id = id
        self.orgID = orgID
        self.queue = queue
        self.kind = kind
        self.payload = payload
        self.priority = priority
        self.state = state
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.errors = errors
        self.createdAt = createdAt
        self.attemptedAt = attemptedAt
        self.finishedAt = finishedAt
    }
}

/// What a new job is: its kind, payload and how it runs.
extension NewJob {
    /// A queue name: 1–64 of a–z, 0–9, `_`, `.`, `-`.
    public static func isValidQueueName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F || $0 == 0x2E || $0 == 0x2D }
    }
}

public struct NewJob: Sendable {
    /// Set when the caller must know the id before the job exists (a schedule's ledger row names it).
    public var id: UUID?
    public var kind: String
    public var payload: String
    public var orgID: UUID?
    public var queue: String
    public var priority: Int
    public var maxAttempts: Int
    /// When to run; `nil` means now (by the database's clock).
    public var runAt: Date?
    public var uniqueKey: String?

    public init(
        kind: String, payload: String = "{}", orgID: UUID? = nil, queue: String = "default", priority: Int = 0,
        maxAttempts: Int = 20, runAt: Date? = nil, uniqueKey: String? = nil, id: UUID? = nil
    ) {
        self.id = id
        self.kind = kind
        self.payload = payload
        self.orgID = orgID
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.runAt = runAt
        self.uniqueKey = uniqueKey
    }
}

/// When a failed job runs again: exponential backoff (attempt⁴ seconds plus a base, as the best PostgreSQL queues
/// do, capped) with random jitter so a burst of failures does not retry in lockstep.
public struct RetryPolicy: Sendable, Equatable {
    public var base: Double
    public var cap: Double
    /// Fraction of the delay added or removed at random (0.1 = ±10 %).
    public var jitter: Double

    public init(base: Double = 1, cap: Double = 24 * 3600, jitter: Double = 0.1) {
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// Seconds to wait after failed attempt number `attempt` (1 = the first); `random` is in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let raw = min(cap, base + pow(Double(max(1, attempt)), 4))
        return max(0, raw * (1 + jitter * (2 * random - 1)))
    }
}
