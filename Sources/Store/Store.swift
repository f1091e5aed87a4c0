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

    /// The role tenant work runs as; it owns no table, so row-level security applies to it.
    public static let applicationRole = "banso_app"

    public init(database: Database) {
        self.database = database
    }

    /// Runs `body` in a transaction scoped to `org`.
    public func tenant<T>(_ org: UUID, _ body: (Transaction) async throws -> T) async throws -> T {
        try await database.transaction(
            prelude: [
                "SELECT set_config('role', \(Self.applicationRole), true), set_config('banso.org_id', \(org.uuidString), true)"
            ], body)
    }

    /// Runs `body` as declared system work — admitted by every tenant policy — for look-ups that precede knowing
    /// the org. Keep it to the look-up.
    public func system<T>(_ body: (Transaction) async throws -> T) async throws -> T {
        try await database.transaction(
            prelude: [
                "SELECT set_config('role', \(Self.applicationRole), true), set_config('banso.system', 'on', true)"
            ], body)
    }
}
