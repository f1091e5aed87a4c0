public import Domain
public import Foundation
public import Store

/// The revenue part's gate to a customer: readable or 404 (a customer the caller may not read, or of another org,
/// does not exist for them); values (contracts, revenue, GRR/NRR) need `contracts.read` on top — 403 naming it,
/// which reveals nothing since the customer is readable; changes need `customers.manage` in its scope.
struct RevenueAccess {
    let tx: TenantTransaction
    let identity: Identity

    func readable(_ id: UUID, lock: Bool = false) async throws -> Customer {
        try await Customers.readable(tx, identity, id, lock: lock)
    }

    /// A readable customer whose values the caller may see.
    func withValues(_ id: UUID, lock: Bool = false) async throws -> Customer {
        let customer = try await readable(id, lock: lock)
        try identity.require(.readContractValues, in: customer.scope)
        return customer
    }

    /// A customer whose contracts and revenue the caller may change (managers, CS ops, admins and owners of its scope).
    func manageable(_ id: UUID) async throws -> Customer {
        let customer = try await withValues(id, lock: true)
        try identity.require(.manageCustomers, in: customer.scope)
        return customer
    }
}
