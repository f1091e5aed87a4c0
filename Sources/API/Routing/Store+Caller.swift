public import Store
public import UseCases

extension Store {
    /// The request's tenant transaction, handed with the caller the use cases take: one transaction per request,
    /// in the caller's organisation.
    public func tenant<T>(_ context: AuthenticatedContext, _ body: (TenantTransaction, Caller) async throws -> T) async throws -> T {
        let caller = Caller(identity: context.identity, requestID: context.requestID, now: now)
        return try await tenant(caller.identity.orgID, member: caller.identity.memberID) { tx in try await body(tx, caller) }
    }

    /// The request's one-statement read (``Store/read(_:_:)``), handed with the caller.
    public func read<T>(_ context: AuthenticatedContext, _ body: (TenantTransaction, Caller) async throws -> T) async throws -> T {
        let caller = Caller(identity: context.identity, requestID: context.requestID, now: now)
        return try await read(caller.identity.orgID, member: caller.identity.memberID) { tx in try await body(tx, caller) }
    }
}
