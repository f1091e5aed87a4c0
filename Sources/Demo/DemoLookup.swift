import Domain
import Foundation
import Store

/// What the demo's later parts look up in the earlier ones: the org owner's all-seeing reach, and the customers
/// the customers part made, by name (the parts share no state but the database).
enum DemoLookup {
    static func everyone(_ owner: UUID) -> Reach {
        Reach(memberID: owner, everywhere: true, companies: [], teams: [], companiesWithin: [], anywhere: true)
    }

    /// Every customer of the demo, by its Japanese name.
    static func customers(_ tx: TenantTransaction, owner: UUID, today: LocalDate) async throws -> [String: Customer] {
        let listed = try await CustomerRepository.list(
            tx, query: CustomerListQuery(), me: owner, visibleTo: everyone(owner), today: today, after: nil, limit: 200).items
        return Dictionary(listed.map { ($0.customer.name, $0.customer) }, uniquingKeysWith: { first, _ in first })
    }
}
