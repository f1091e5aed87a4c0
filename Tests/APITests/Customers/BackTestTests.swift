import API
import Domain
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// The back-test: with 20 renewals or more, outcome shares per grade and the AUC per horizon (imported scores
/// count); with fewer, the counts and too_small.
@Suite struct BackTestTests {
    @Test func twentyFourRenewalsGiveSharesAndAUC() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            for i in 0..<24 {
                let customer = try await a.addCustomer(store, name: "顧客\(i)", owner: a.csm)
                try await a.addContract(store, customer: customer, arr: 1_000_000, start: "2025-07-01", end: "2026-06-30")
                let healthy = i < 12
                // Six of the healthy renew flat, six expand; the others churn (no contract after).
                if healthy { try await a.addContract(store, customer: customer, arr: i < 6 ? 1_000_000 : 1_500_000, start: "2026-07-01", end: "2027-06-30") }
                for (month, at) in [("2025-06", "2025-06-15"), ("2025-12", "2025-12-15"), ("2026-03", "2026-03-15")] {
                    try await a.addScore(
                        store, customer: customer, grade: healthy ? .a : .d, total: healthy ? 90 : 20, month: month,
                        at: TestClock.instant("\(at)T12:00:00+09:00"))
                }
            }
            let answer = try await client.call(.get, "/v1/health/backtest?version=1&horizons=12,6,3", token: a.ownerToken)
            #expect(answer.status == .ok, "\(answer.body)")
            #expect(answer.body["renewals"] as? Int == 24)
            let horizons = try #require(answer.body["horizons"] as? [[String: Any]])
            #expect(horizons.map { $0["months"] as? Int } == [12, 6, 3])
            for horizon in horizons {
                #expect(horizon["too_small"] as? Bool == false)
                #expect(horizon["renewals"] as? Int == 24)
                #expect(horizon["auc"] as? Double == 1)
                let grades = try #require(horizon["grades"] as? [[String: Any]])
                let a = try #require(grades.first { $0["grade"] as? String == "A" })
                #expect((a["outcomes"] as? [String: Any])?["renewed"] as? Int == 6)
                #expect((a["outcomes"] as? [String: Any])?["expanded"] as? Int == 6)
                #expect((a["shares"] as? [String: Any])?["expanded"] as? Double == 0.5)
                let d = try #require(grades.first { $0["grade"] as? String == "D" })
                #expect((d["shares"] as? [String: Any])?["churned"] as? Double == 1)
                #expect(grades.first { $0["grade"] as? String == "B" }?["shares"] == nil)
            }
            // Support does not see what renewals were worth.
            let support = try await a.addMember(store, email: "support@smb.example", role: .support, scope: .company(a.smb), team: nil)
            try await check(await client.call(.get, "/v1/health/backtest", token: support.token).status == .forbidden)
            let bad = try await client.call(.get, "/v1/health/backtest?horizons=12,x", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == "horizons")
            try await check(await client.call(.get, "/v1/health/backtest?version=7", token: a.ownerToken).body["field"] as? String == "version")
        }
    }

    @Test func fewerThanTwentyRenewalsAnswerCountsAndTooSmall() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            for (i, outcome) in ["churned", "renewed", "expanded"].enumerated() {
                let customer = try await a.addCustomer(store, name: "少数\(i)", owner: a.csm)
                // The outcome recorded on the contract wins over the derived one.
                try await a.addContract(store, customer: customer, arr: 100, start: "2025-10-01", end: "2026-09-30", status: "expired", outcome: outcome)
                try await a.addScore(store, customer: customer, grade: .b, total: 65, month: "2026-06", at: TestClock.instant("2026-06-20T12:00:00+09:00"))
            }
            let answer = try await client.call(.get, "/v1/health/backtest", token: a.ownerToken)
            #expect(answer.status == .ok)
            let three = try #require((answer.body["horizons"] as? [[String: Any]])?.first { $0["months"] as? Int == 3 })
            #expect(three["too_small"] as? Bool == true)
            #expect(three["auc"] == nil)
            let b = try #require((three["grades"] as? [[String: Any]])?.first { $0["grade"] as? String == "B" })
            #expect(b["renewals"] as? Int == 3)
            #expect((b["outcomes"] as? [String: Any])?["churned"] as? Int == 1)
            #expect(b["shares"] == nil)
            let twelve = try #require((answer.body["horizons"] as? [[String: Any]])?.first { $0["months"] as? Int == 12 })
            #expect(twelve["ungraded"] as? Int == 3, "no score that early")
        }
    }
}
