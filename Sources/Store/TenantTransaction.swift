public import Database
public import Foundation

/// A transaction that has declared its organisation: ``Store/tenant(_:_:)`` hands one to its body, and every
/// tenant repository takes one and reads the org from it — so no caller passes an org beside its transaction, and
/// a repository cannot be handed another organisation's id by mistake. Row-level security enforces the same org
/// underneath (`banso.org_id` is set in the transaction's prelude).
public struct TenantTransaction: Sendable {
    /// The organisation every statement of this transaction belongs to.
    public let org: UUID
    /// The transaction itself, for repositories that work across organisations' rows the policies admit
    /// (an organisation's own row, jobs).
    public let base: Transaction

    init(org: UUID, base: Transaction) {
        self.org = org
        self.base = base
    }

    @discardableResult
    public func query(_ query: SQLQuery) async throws -> QueryResult { try await base.query(query) }

    @discardableResult
    public func execute(_ query: SQLQuery) async throws -> Int { try await base.execute(query) }

    /// Several statements in one round trip.
    public func batch(_ queries: [SQLQuery]) async throws -> [QueryResult] { try await base.batch(queries) }

    /// Runs `body` inside a savepoint of the same organisation's transaction.
    public func savepoint<T>(_ body: (TenantTransaction) async throws -> T) async throws -> T {
        try await base.savepoint { inner in try await body(TenantTransaction(org: org, base: inner)) }
    }
}

extension TenantTransaction {
    /// A system transaction acting for one organisation: the scheduler's ticker locks due schedules of every org in
    /// one system transaction and then does each schedule's work for its own org. Repositories still scope every
    /// statement to `org`; only declared system work (``Store/system(_:)``) may call this.
    public static func acting(for org: UUID, in systemTransaction: Transaction) -> TenantTransaction {
        TenantTransaction(org: org, base: systemTransaction)
    }
}
