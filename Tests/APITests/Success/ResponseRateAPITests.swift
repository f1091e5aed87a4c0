import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// The response-rate report through the API: counts per month and CSM or company, and the warning over the last
/// three complete months (the tests' "now" is 24 November 2026: August–October), combined by adding counts.
@Suite struct ResponseRateAPITests {
    @Test func ratesAddUpAndWarnBelowTheThreshold() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let template = try await CheckUpFixture.template(client, a)
            let smb = try await CheckUpFixture.customer(client, a, store, name: "あおぞら商事", email: "y@aozora.example")
            let ent = try await CheckUpFixture.customer(client, a, store, name: "エンタープライズ社", email: "e@ent.example", team: a.enterpriseTeam,
                                                        company: a.enterprise)
            // SMB (its CSM): August 4 sent 1 answered, September 3 / 0, October 3 / 1 → 2 of 10 = 20 %, below 30 %.
            // Enterprise (no CSM): October 2 / 1 → 50 %. November (the current month, 5 / 0) is not judged yet.
            func sends(_ c: (customer: UUID, contact: String), csm: UUID?, company: UUID, month: String, sent: Int, answered: Int) async throws {
                try await store.tenant(a.orgID) { tx in
                    for i in 0..<sent {
                        let at = TestClock.instant("\(month)-10T10:00:00+09:00")
                        try await tx.execute(
                            """
                            INSERT INTO survey_send (org_id, id, kind, template_id, customer_id, contact_id, csm_id, company_id, month, token_hash,
                                sent_at, expires_at, answered_at, answers, score)
                            VALUES (\(a.orgID), \(UUID.v7()), 'check_up', \(UUID(uuidString: template.id)!), \(c.customer), \(UUID(uuidString: c.contact)!),
                                \(csm), \(company), \(month + "-01")::date, \(Array(UUID.v7().uuidString.utf8)), \(at), \(at.addingTimeInterval(21 * 86_400)),
                                \(i < answered ? at.addingTimeInterval(3600) : nil), \(i < answered ? "[]" : nil)::jsonb, \(i < answered ? 50.0 : nil))
                            """)
                    }
                }
            }
            try await sends(smb, csm: a.csm, company: a.smb, month: "2026-08", sent: 4, answered: 1)
            try await sends(smb, csm: a.csm, company: a.smb, month: "2026-09", sent: 3, answered: 0)
            try await sends(smb, csm: a.csm, company: a.smb, month: "2026-10", sent: 3, answered: 1)
            try await sends(smb, csm: a.csm, company: a.smb, month: "2026-11", sent: 5, answered: 0)
            try await sends(ent, csm: nil, company: a.enterprise, month: "2026-10", sent: 2, answered: 1)

            let byCSM = try await client.call(.get, "/v1/reports/check-up-response-rates?from=2026-09&to=2026-11&group=csm", token: a.ownerToken)
            #expect(byCSM.status == .ok)
            #expect(byCSM.body["window"] as? [String] == ["2026-08", "2026-09", "2026-10"] && byCSM.body["threshold_percent"] as? Int == 30)
            let groups = byCSM.body["groups"] as? [[String: Any]] ?? []
            let csm = try #require(groups.first { $0["id"] as? String == a.csm.lower })
            #expect(csm["warning"] as? Bool == true && csm["verdict"] as? String == "below")
            #expect(csm["window_sent"] as? Int == 10 && csm["window_answered"] as? Int == 2 && csm["window_rate_percent"] as? Double == 20)
            let months = csm["months"] as? [[String: Any]] ?? []
            #expect(months.map { $0["month"] as? String } == ["2026-09", "2026-10", "2026-11"])
            #expect(months.map { $0["sent"] as? Int } == [3, 3, 5] && months.map { $0["answered"] as? Int } == [0, 1, 0])
            let none = try #require(groups.first { $0["id"] == nil })
            #expect(none["warning"] as? Bool == false && none["window_rate_percent"] as? Double == 50)
            let org = byCSM.body["org"] as? [String: Any] ?? [:]
            #expect(org["window_sent"] as? Int == 12 && org["window_answered"] as? Int == 3 && org["verdict"] as? String == "below")

            let byCompany = try await client.call(.get, "/v1/reports/check-up-response-rates?from=2026-10&to=2026-10&group=company", token: a.ownerToken)
            let companies = byCompany.body["groups"] as? [[String: Any]] ?? []
            #expect(companies.first { $0["id"] as? String == a.smb.lower }?["warning"] as? Bool == true)
            #expect(companies.first { $0["id"] as? String == a.enterprise.lower }?["verdict"] as? String == "fine")
            #expect(companies.first { $0["id"] as? String == a.smb.lower }?["name"] as? String == "SMB")

            // The org's threshold decides: at 20 %, 2 of 10 is not below.
            _ = try await client.call(.put, "/v1/check-up-settings", token: a.ownerToken,
                                      json: #"{"response_rate_threshold_percent":20,"reminder_after_days":7,"link_valid_days":21}"#)
            let lowered = try await client.call(.get, "/v1/reports/check-up-response-rates?from=2026-10&to=2026-10&group=csm", token: a.ownerToken)
            #expect((lowered.body["groups"] as? [[String: Any]])?.first { $0["id"] as? String == a.csm.lower }?["warning"] as? Bool == false)

            // A viewer of Enterprise counts only Enterprise's customers.
            let viewer = try await client.call(.get, "/v1/reports/check-up-response-rates?from=2026-10&to=2026-10&group=company", token: a.viewerToken)
            #expect((viewer.body["groups"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [a.enterprise.lower])

            for (query, field) in [("from=2026-13&to=2026-11", "from"), ("from=2026-11&to=2026-09", "to"), ("from=2026-09&to=2026-11&group=team", "group"),
                                   ("to=2026-11", "from"), ("from=99999-01&to=2026-11", "from")] {
                let bad = try await client.call(.get, "/v1/reports/check-up-response-rates?\(query)", token: a.ownerToken)
                #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == field, "\(query): \(bad.body)")
            }
        }
    }
}
