import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

/// The process reports through the router on PostgreSQL, against figures worked out by hand. Today is 2026-11-24.
@Suite struct ProcessReportTests {
    @Test func leadTimesAndStallsFromFixedDates() async throws {
        try await withTenants { client, a, _, services in
            let position = try await ProcessFixture.position(client, a, "CSM")
            // Step 1 expects 10 days, step 2 expects 20.
            let p = try await ProcessFixture.published(client, a, name: "統一プロセス", steps: ProcessFixture.twoSteps(position))
            func customer(_ name: String, placed: String, completions: [(Int, String)]) async throws -> UUID {
                let id = try await a.addCustomer(services.store, name: name)
                let url = "/v1/customers/\(id.lower)/process"
                let placedAnswer = try await client.call(.put, url, token: a.ownerToken, json: #"{"version_id":"\#(p.version)","placed_on":"\#(placed)"}"#)
                #expect(placedAnswer.status == .ok, "\(placedAnswer.body)")
                for (step, day) in completions {
                    let done = try await client.call(.post, "\(url)/steps/\(p.steps[step])/complete", token: a.ownerToken, json: #"{"completed_on":"\#(day)"}"#)
                    #expect(done.status == .ok, "\(done.body)")
                }
                return id
            }
            // Step 1 took 4 and 10 days; step 2 took 20 days once.
            _ = try await customer("一号", placed: "2026-09-01", completions: [(0, "2026-09-05"), (1, "2026-09-25")])
            let second = try await customer("二号", placed: "2026-09-01", completions: [(0, "2026-09-11")])  // on step 2 for 74 days
            _ = try await customer("三号", placed: "2026-11-20", completions: [])  // on step 1 for 4 days
            let fourth = try await customer("四号", placed: "2026-10-01", completions: [])  // on step 1 for 54 days

            let lead = try await client.call(.get, "/v1/reports/process-lead-times?process_id=\(p.process)", token: a.ownerToken)
            #expect(lead.status == .ok, "\(lead.body)")
            #expect(lead.body["version_number"] as? Int == 1)
            let rows = lead.body.items
            #expect(rows.map { $0["completed"] as? Int } == [2, 1])
            #expect(rows.map { $0["expected_days"] as? Int } == [10, 20])
            // percentile_cont over [4, 10]: median 7, p90 = 4 + 0.9 × 6 = 9.4.
            #expect(rows.first?["median_days"] as? Double == 7)
            #expect(abs((rows.first?["p90_days"] as? Double ?? 0) - 9.4) < 1e-9)
            #expect(rows.last?["median_days"] as? Double == 20 && rows.last?["p90_days"] as? Double == 20)

            let stalls = try await client.call(.get, "/v1/reports/process-stalls?process_id=\(p.process)", token: a.ownerToken)
            #expect(stalls.status == .ok, "\(stalls.body)")
            let stalled = stalls.body["customers"] as? [[String: Any]] ?? []
            #expect(stalled.map { $0["customer_id"] as? String } == [second.lower, fourth.lower], "longest held first")
            #expect(stalled.map { $0["held_days"] as? Int } == [74, 54])
            let byStep = stalls.body["by_step"] as? [[String: Any]] ?? []
            #expect(byStep.map { $0["current"] as? Int } == [2, 1] && byStep.map { $0["stalled"] as? Int } == [1, 1])

            // A CSM of the SMB team reads the same customers (they are in that team); an Enterprise viewer reads none.
            let outside = try await client.call(.get, "/v1/reports/process-stalls?process_id=\(p.process)", token: a.viewerToken)
            #expect(outside.status == .ok && (outside.body["customers"] as? [Any])?.isEmpty == true)
            let missing = try await client.call(.get, "/v1/reports/process-lead-times", token: a.ownerToken)
            #expect(missing.status == .unprocessableContent && missing.body["field"] as? String == "process_id")
            let badVersion = try await client.call(.get, "/v1/reports/process-lead-times?process_id=\(p.process)&version=99999999999999999999", token: a.ownerToken)
            #expect(badVersion.status == .unprocessableContent)
        }
    }

    @Test func healthByProcessAndAdoptionAgainstHandCountedData() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let position = try await ProcessFixture.position(client, a, "CSM")
            let p = try await ProcessFixture.published(client, a, name: "統一プロセス", steps: ProcessFixture.twoSteps(position), standard: true)
            let other = try await ProcessFixture.published(client, a, name: "旧 SMB 流", steps: ProcessFixture.twoSteps(position))
            let at = TestClock.instant("2026-11-02T09:00:00+09:00")
            // On the standard: A, B, C (its earlier A no longer counts) and one unscored. On the old process: D.
            // On none: A and D. Enterprise: one customer on none.
            let grades: [(HealthGrade?, String?)] = [(.a, p.version), (.b, p.version), (.c, p.version), (nil, p.version), (.d, other.version), (.a, nil), (.d, nil)]
            for (index, (grade, version)) in grades.enumerated() {
                let id = try await a.addCustomer(store, name: "顧客\(index)")
                if index == 2 { try await a.addScore(store, customer: id, grade: .a, total: 90, month: "2026-10", at: TestClock.instant("2026-10-02T09:00:00+09:00")) }
                if let grade { try await a.addScore(store, customer: id, grade: grade, total: 50, month: "2026-11", at: at) }
                if let version {
                    let placed = try await client.call(.put, "/v1/customers/\(id.lower)/process", token: a.ownerToken, json: #"{"version_id":"\#(version)","placed_on":"2026-11-01"}"#)
                    #expect(placed.status == .ok, "\(placed.body)")
                }
            }
            _ = try await a.addCustomer(store, name: "エンタープライズ顧客", company: a.enterprise)

            let health = try await client.call(.get, "/v1/reports/health-by-process", token: a.ownerToken)
            #expect(health.status == .ok, "\(health.body)")
            let rows = health.body.items
            let standard = try #require(rows.first { $0["process_id"] as? String == p.process })
            #expect(standard["process_name"] as? String == "統一プロセス" && standard["version_number"] as? Int == 1)
            #expect([standard["a"], standard["b"], standard["c"], standard["d"], standard["unscored"]].map { $0 as? Int } == [1, 1, 1, 0, 1])
            #expect(abs((standard["ab_share"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
            let old = try #require(rows.first { $0["process_id"] as? String == other.process })
            #expect(old["d"] as? Int == 1 && old["ab_share"] as? Double == 0)
            let baseline = try #require(rows.last)
            #expect(baseline["process_id"] == nil, "customers on no process come last")
            #expect(baseline["a"] as? Int == 1 && baseline["d"] as? Int == 1 && baseline["unscored"] as? Int == 1 && baseline["ab_share"] as? Double == 0.5)

            let adoption = try await client.call(.get, "/v1/reports/process-adoption", token: a.ownerToken)
            #expect(adoption.status == .ok && adoption.body["standard_process_id"] as? String == p.process, "\(adoption.body)")
            let smb = try #require(adoption.body.items.first { $0["company_id"] as? String == a.smb.lower })
            #expect(smb["customers"] as? Int == 7 && smb["on_standard"] as? Int == 4)
            #expect(abs((smb["share"] as? Double ?? 0) - 4.0 / 7.0) < 1e-9)
            let enterprise = try #require(adoption.body.items.first { $0["company_id"] as? String == a.enterprise.lower })
            #expect(enterprise["customers"] as? Int == 1 && enterprise["on_standard"] as? Int == 0 && enterprise["share"] as? Double == 0)

            // An Enterprise viewer sees only Enterprise's customers.
            let viewer = try await client.call(.get, "/v1/reports/process-adoption", token: a.viewerToken)
            #expect(viewer.body.items.map { $0["company_id"] as? String } == [a.enterprise.lower])
            let viewerHealth = try await client.call(.get, "/v1/reports/health-by-process", token: a.viewerToken)
            #expect(viewerHealth.body.items.count == 1 && viewerHealth.body.items.first?["unscored"] as? Int == 1)
        }
    }
}
