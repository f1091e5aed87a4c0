import Domain
import Foundation
import Store
import UseCases

/// The demo's light and deep success for the org and for Enterprise, with measures, and customers that have reached them.
enum DemoSuccessDefinitions {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        [:]
    }
}
