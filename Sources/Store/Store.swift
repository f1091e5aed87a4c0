/// The Store module: SQL repositories, one per aggregate — the only place Banso writes SQL.
///
/// Every statement runs in a transaction that has declared its tenant: ``Store/tenant(_:_:)`` sets
/// `banso.org_id` and switches to the unprivileged `banso_app` role for the transaction, so PostgreSQL's row-level
/// security admits only that organisation's rows even where a query forgot its `org_id` condition. Work that
/// cannot know its org yet (finding the org of a token) runs in ``Store/system(_:)``: a short transaction that
/// declares itself system work and does nothing else. It must never run request-handler logic.
public import Database
public import Foundation

public struct Store: Sendable {
    public let database: Database
    /// Where every decision about time gets its instant; its transactions pin it for `banso_now()`.
    public let clock: AppClock

    /// The role tenant work runs as; it owns no table, so row-level security applies to it.
    public static let applicationRole = "banso_app"

    public init(database: Database, clock: AppClock) {
        self.database = database
        self.clock = clock
    }

    /// The same store acting as of `instant`: a catch-up run or a test that travels in time.
    public func pinned(at instant: Date) -> Store { Store(database: database, clock: .fixed(instant)) }

    /// The clock's current instant.
    public var now: Date { clock.now }

    /// Runs `body` in a transaction scoped to `org`; `member` names the person it runs for, which only rows kept for
    /// that person alone (a participant's private meeting notes) ask: without it they are out of reach.
    public func tenant<T>(_ org: UUID, member: UUID? = nil, _ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.transaction(prelude: [tenantPrelude(org, member: member)]) { tx in
            try await body(TenantTransaction(org: org, base: tx))
        }
    }

    /// Runs `body`, which runs one statement, scoped to `org` without BEGIN or COMMIT: the prelude and the
    /// statement share one round trip and one implicit transaction. A second statement is refused.
    public func read<T>(_ org: UUID, member: UUID? = nil, _ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await database.read(prelude: [tenantPrelude(org, member: member)]) { tx in
            try await body(TenantTransaction(org: org, base: tx))
        }
    }

    func tenantPrelude(_ org: UUID, member: UUID? = nil) -> SQLQuery {
        """
        SELECT set_config('role', \(Self.applicationRole), true), set_config('banso.org_id', \(org.uuidString), true), \
        set_config('banso.member_id', \(member?.uuidString ?? ""), true), \(pin)
        """
    }

    /// Resolves a bearer token's hash: one statement, no transaction (see ``CredentialRepository``).
    public func authenticate(tokenHash: [UInt8], sessionIdle: Double) async throws -> Authentication? {
        try await CredentialRepository.authenticate(
            database, tokenHash: tokenHash, sessionIdle: sessionIdle, now: clock.isLive ? nil : clock.now)
    }

    /// Runs `body` as declared system work — admitted by every tenant policy — for look-ups that precede knowing
    /// the org. Keep it to the look-up.
    public func system<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await database.transaction(
            prelude: [
                "SELECT set_config('role', \(Self.applicationRole), true), set_config('banso.system', 'on', true), \(pin)"
            ], body)
    }

    /// Pins `banso.now` for the transaction unless the clock is live (then `banso_now()` is `now()`). Folded into
    /// the prelude's one statement: no extra round trip.
    private var pin: SQLQuery {
        if clock.isLive { return "NULL" }
        return "set_config('banso.now', to_char(\(clock.now)::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), true)"
    }
}
