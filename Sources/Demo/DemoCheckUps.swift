import Domain
import Foundation
import Store
import UseCases

/// The demo's a check-up questionnaire, a team's plan, sends answered and unanswered, an NPS campaign.
enum DemoCheckUps {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        [:]
    }
}
