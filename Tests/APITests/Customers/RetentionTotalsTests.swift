import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// The GRR/NRR summary is summed in the database (RetentionTotalsRepository) and the breakdown in Swift
/// (RetentionMetrics): the same book must give the same figures both ways, to the minor unit, in every grouping.
@Suite("Retention totals in the database")
struct RetentionTotalsTests {
    /// A deterministic but untidy book: contracts starting and ending mid-month with ARRs that do not divide evenly
    /// (rounding), two currencies, customers paying in both, snapshots that replace a month (one in another currency
    /// than the contract, one of zero), churn, contraction, expansion, new customers, customers without a team or a
    /// segment.
    static func book(_ a: TenantOrg, _ store: Store) async throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let segments: [String?] = ["Enterprise", "Mid", nil]
        var customers: [UUID] = []
        for i in 0..<48 {
            let inSMB = i % 3 != 0
            let id = try await a.addCustomer(
                store, name: "顧客\(i)", company: inSMB ? a.smb : a.enterprise,
                team: i % 5 == 0 ? nil : (inSMB ? a.smbTeam : a.enterpriseTeam), owner: a.csm)
            customers.append(id)
            let segment = segments[i % 3]
            _ = try await store.tenant(a.orgID) { tx in
                try await tx.execute("UPDATE customer SET segment = \(segment) WHERE org_id = \(tx.org) AND id = \(id)")
            }
        }
        _ = try await store.tenant(a.orgID) { tx in
            for (i, id) in customers.enumerated() {
                for c in 0..<(1 + next(3)) {
                    let start = LocalDate(year: 2025, month: 1 + next(12), day: 1 + next(28))!
                    let end = start.adding(days: 20 + next(700))
                    let currency = (i + c) % 4 == 0 ? "USD" : "JPY"
                    let arr = Int64(100_001 + next(9_000_000))
                    try await tx.execute(
                        """
                        INSERT INTO contract (org_id, id, customer_id, arr_minor, currency, start_date, end_date)
                        VALUES (\(tx.org), \(UUID.v7()), \(id), \(arr), \(currency), \(start), \(end))
                        """)
                }
                if i % 4 == 1 {
                    // A snapshot for one of the window months: it replaces the contracts' month, whatever they say.
                    let month = [LocalDate(year: 2025, month: 10, day: 1)!, LocalDate(year: 2026, month: 10, day: 1)!][next(2)]
                    let amount = i % 8 == 1 ? 0 : Int64(50_000 + next(500_000))
                    try await tx.execute(
                        """
                        INSERT INTO revenue_snapshot (org_id, customer_id, month, currency, amount_minor)
                        VALUES (\(tx.org), \(id), \(month), \(i % 12 == 1 ? "EUR" : "JPY"), \(amount))
                        """)
                }
            }
        }
    }

    @Test func theDatabaseSumsWhatTheBreakdownAddsUp() async throws {
        try await withTenants { client, a, _, services in
            try await Self.book(a, services.store)
            for window in ["start=2025-10&end=2026-10", "start=2025-03&end=2026-02", "start=2026-01&end=2026-06"] {
                for grouping in ["org", "company", "team", "segment"] {
                    let path = "/v1/reports/retention?\(window)&group_by=\(grouping)"
                    let summed = try await client.call(.get, path, token: a.ownerToken)
                    var added = try await client.call(.get, path + "&breakdown=true", token: a.ownerToken)
                    #expect(summed.status == .ok && added.status == .ok, "\(path): \(summed.body) \(added.body)")
                    added.body["breakdown"] = nil
                    let (left, right) = (try canonical(summed.body), try canonical(added.body))
                    #expect(left == right, "\(path)\nsummed: \(left)\nadded:  \(right)")
                    #expect((summed.body["figures"] as? [Any])?.isEmpty == false, "\(path): the book has revenue in the window")
                }
            }
        }
    }

    private func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
