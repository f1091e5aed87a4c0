import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `/v1/reports/success-attainment`: shares by company and by cohort (month or fiscal quarter of the first contract),
/// days from contract start as median and 75th percentile, over only the customers the reader may read.
@Suite struct SuccessReportTests {
    @Test func sharesAndDaysByCompanyAndCohort() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let light = try await SuccessDefinitionFixture.create(
                client, token: a.ownerToken, #"{"tier":"light","definition":"x","audience":"x","measures":[{"name":"定着"}]}"#)
            let definition = try #require(light["id"] as? String)
            let measure = try #require(SuccessDefinitionFixture.measureIDs(light).first)
            // Two SMB customers starting in April (one reaches light success after 30 days, one after 90) and one in
            // July that has not; one Enterprise customer that starts in October and reaches it on day 10.
            let early = try await a.addCustomer(store, name: "A社", owner: a.csm)
            let late = try await a.addCustomer(store, name: "B社", owner: a.csm)
            let july = try await a.addCustomer(store, name: "C社", owner: a.csm)
            let big = try await a.addCustomer(store, name: "D社", company: a.enterprise, team: a.enterpriseTeam)
            for (customer, start) in [(early, "2026-04-01"), (late, "2026-04-10"), (july, "2026-07-01"), (big, "2026-10-01")] {
                try await SuccessDefinitionFixture.addContract(store, a, customer: customer, start: start)
            }
            for (customer, on) in [(early, "2026-05-01"), (late, "2026-07-09"), (big, "2026-10-11")] {
                let judged = try await client.call(.put, "/v1/customers/\(customer.lower)/success/\(definition)/measures/\(measure)",
                                                   token: a.ownerToken, json: #"{"state":"met","evidence":"確認済み","assessed_on":"\#(on)"}"#)
                #expect(judged.status == .ok, "\(judged.body)")
            }
            func rows(_ query: String, _ token: String) async throws -> [[String: Any]] {
                let response = try await client.call(.get, "/v1/reports/success-attainment\(query)", token: token)
                #expect(response.status == .ok, "\(query) → \(response.body)")
                return (response.body["rows"] as? [[String: Any]] ?? []).filter { $0["tier"] as? String == "light" }
            }

            let byCompany = try await rows("", a.ownerToken)
            let smb = try #require(byCompany.first { $0["group"] as? String == a.smb.lower })
            #expect(smb["customers"] as? Int == 3 && smb["reached"] as? Int == 2)
            #expect(smb["median_days"] as? Double == 60 && smb["group_name"] as? String == "SMB", "30 and 90 days: the median is 60")
            let enterprise = try #require(byCompany.first { $0["group"] as? String == a.enterprise.lower })
            #expect(enterprise["share"] as? Double == 1 && enterprise["median_days"] as? Double == 10)

            // Fiscal quarters of the April year: April → Q1, July → Q2, October → Q3.
            let quarters = try await rows("?group=cohort&cohort=quarter", a.ownerToken)
            #expect(quarters.map { $0["group"] as? String } == ["FY2026-Q1", "FY2026-Q2", "FY2026-Q3"])
            #expect(quarters.map { $0["reached"] as? Int } == [2, 0, 1])

            // One company; and a reader sees only the customers they read (the Enterprise viewer: D社 only).
            #expect(try await rows("?company_id=\(a.enterprise.lower)", a.ownerToken).map { $0["group"] as? String } == [a.enterprise.lower])
            let viewer = try await rows("", a.viewerToken)
            #expect(viewer.count == 1 && viewer.first?["customers"] as? Int == 1)

            for bad in ["?group=team", "?group=cohort&cohort=week", "?company_id=nope"] {
                let refused = try await client.call(.get, "/v1/reports/success-attainment\(bad)", token: a.ownerToken)
                #expect(refused.status == .unprocessableContent, "\(bad)")
            }
        }
    }
}
