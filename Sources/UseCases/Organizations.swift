public import Domain
public import Store

/// The caller's organisation and its own settings. Everyone in it reads them.
public struct Organizations: Sendable {
    let tx: TenantTransaction
    let caller: Caller

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public func current() async throws -> Organization {
        guard let org = try await OrganizationRepository.current(tx) else { throw DomainError(.notFound, "organisation not found") }
        return org
    }
}
