import Domain
import Foundation
import Store
import UseCases

/// The demo's one standard process for Enterprise and SMB, published and adopted, with customers placed on its steps.
enum DemoProcesses {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        [:]
    }
}
