import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Query parameters with absurd values — huge counts, spans past the limits, years no calendar keeps — are the
/// client's mistake: a 4xx problem naming the parameter, never a 5xx and never an expensive query.
@Suite("Absurd query parameters")
struct AbsurdQueryTests {
    @Test func absurdValuesAreRefusedWithTheirField() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "境界", owner: a.csm)
            let cases: [(String, String)] = [
                ("/v1/customers?limit=1000000", "limit"),
                ("/v1/customers?renewal_within_days=100000000000000000000", "renewal_within_days"),
                ("/v1/renewals?within_days=100000", "within_days"),
                ("/v1/customers/\(customer)/health/history?months=100000", "months"),
                ("/v1/health/backtest?horizons=1,2,3,4,5,6,7,8,9,10,11,12,13", "horizons"),
                ("/v1/health/backtest?horizons=100000", "horizons"),
                ("/v1/reports/retention/trend?months=100000", "months"),
                ("/v1/reports/retention/trend?window=100000", "window"),
                ("/v1/reports/retention?start=0001-01&end=9999-12", "start"),
                ("/v1/reports/health?from=0001-01&to=9999-12", "from"),
                ("/v1/customers/\(customer)/revenue?from=0001-01&to=9999-12", "from"),
                ("/v1/reports/nps?from=0001-01-01&to=9999-12-31", "from"),
                ("/v1/reports/tickets?from=0001-01-01&to=9999-12-31", "from"),
                ("/v1/timeline/search?q=" + String(repeating: "a", count: 201), "q"),
                ("/v1/customers/\(customer)/timeline?q=" + String(repeating: "a", count: 201), "q"),
            ]
            for (path, field) in cases {
                let response = try await client.call(.get, path, token: a.ownerToken)
                #expect((400..<500).contains(response.status.code), "\(path): \(response.status) \(response.body)")
                #expect(try revenueProblemField(response.body) == field, "\(path): \(response.body)")
            }
        }
    }

    /// Year 0000 has the shape of `YYYY-MM(-DD)` but PostgreSQL keeps no such year: it is refused with its field
    /// before any query, not by the database's safety net.
    @Test func yearZeroIsRefusedWithItsField() async throws {
        try await withTenants { client, a, _, services in
            let customer = try await a.addCustomer(services.store, name: "零年", owner: a.csm)
            let cases: [(String, String)] = [
                ("/v1/reports/retention?start=0000-01&end=0000-02", "start"),
                ("/v1/reports/health?from=0000-01&to=0000-02", "from"),
                ("/v1/customers/\(customer)/revenue?from=0000-01&to=0000-02", "to"),
                ("/v1/customers/\(customer)/revenue?to=0000-06", "to"),
                ("/v1/reports/nps?from=0000-01-01&to=0000-02-01", "from"),
                ("/v1/reports/tickets?from=0000-01-01&to=0000-02-01", "from"),
            ]
            for (path, field) in cases {
                let response = try await client.call(.get, path, token: a.ownerToken)
                #expect((400..<500).contains(response.status.code), "\(path): \(response.status) \(response.body)")
                #expect(try revenueProblemField(response.body) == field, "\(path): \(response.body)")
            }
        }
    }
}
