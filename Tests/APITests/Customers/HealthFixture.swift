import Database
import Domain
import Foundation
import Store
import TestSupport

/// Rows the health tests need in the tables other parts own (NPS, tickets, timeline, contracts), and scores made
/// as an import would: straight through the store, minimal.
extension TenantOrg {
    func addNPS(_ store: Store, customer: UUID, score: Int, on day: String) async throws {
        try await store.tenant(orgID) { tx in
            _ = try await tx.execute(
                "INSERT INTO nps_response (org_id, id, customer_id, score, responded_on) VALUES (\(orgID), \(UUID.v7()), \(customer), \(score), \(LocalDate(iso: day)!))")
        }
    }

    func addTicket(_ store: Store, customer: UUID, title: String, priority: String = "high", status: String = "open") async throws {
        try await store.tenant(orgID) { tx in
            _ = try await tx.execute(
                """
                INSERT INTO ticket (org_id, id, customer_id, title, priority, status, opened_at, phase_at_open)
                VALUES (\(orgID), \(UUID.v7()), \(customer), \(title), \(priority), \(status), \(TestClock.instant("2026-10-01T10:00:00+09:00")), 'onboarding')
                """)
        }
    }

    func addTouch(_ store: Store, customer: UUID, at: Date) async throws {
        try await store.tenant(orgID) { tx in
            _ = try await tx.execute(
                """
                INSERT INTO timeline_entry (org_id, id, customer_id, kind, occurred_at, title)
                VALUES (\(orgID), \(UUID.v7()), \(customer), 'meeting', \(at), '定例')
                """)
        }
    }

    @discardableResult
    func addContract(
        _ store: Store, customer: UUID, arr: Int64, start: String, end: String, autoRenews: Bool = false, noticeMonths: Int? = nil,
        status: String = "active", outcome: String? = nil
    ) async throws -> UUID {
        let id = UUID.v7()
        try await store.tenant(orgID) { tx in
            _ = try await tx.execute(
                """
                INSERT INTO contract (org_id, id, customer_id, arr_minor, currency, start_date, end_date, auto_renews, notice_months, status,
                    renewal_outcome)
                VALUES (\(orgID), \(id), \(customer), \(arr), 'JPY', \(LocalDate(iso: start)!), \(LocalDate(iso: end)!), \(autoRenews),
                    \(noticeMonths), \(status), \(outcome))
                """)
        }
        return id
    }

    /// A score of `grade` under model `version` (which must exist), as of `at`, for `month` (YYYY-MM).
    func addScore(_ store: Store, customer: UUID, grade: HealthGrade, total: Double, month: String, at: Date, version: Int = 1, source: HealthScoreRepository.Source = .import) async throws {
        try await store.tenant(orgID) { tx in
            _ = try await HealthModelRepository.current(tx)
            let contributions = [
                HealthContribution(stored: .nps, raw: 50, normalised: total, weight: 40, share: 0.4, contribution: total * 0.4),
                HealthContribution(stored: .openHighPriorityTickets, raw: 0, normalised: total, weight: 30, share: 0.3, contribution: total * 0.3),
                HealthContribution(stored: .daysSinceLastTouch, raw: 7, normalised: total, weight: 30, share: 0.3, contribution: total * 0.3),
            ]
            try await HealthScoreRepository.insertAll(
                tx, [.init(id: .v7(), customerID: customer, score: HealthScore(modelVersion: version, total: total, grade: grade, contributions: contributions))],
                month: LocalDate(iso: month + "-01")!, scoredAt: at, source: source)
        }
    }

    func count(_ store: Store, _ sql: SQLQuery) async throws -> Int {
        try await store.tenant(orgID) { tx in try await tx.query(sql)[0].decode(Int.self, at: 0) }
    }
}
