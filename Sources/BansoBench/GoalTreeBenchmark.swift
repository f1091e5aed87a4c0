import Database
import Domain
import Foundation
import Store

/// The baseline of `scripts/bench goals`: the goal-tree statement through the Store alone — no HTTP, no
/// authentication, no JSON — in a tenant transaction, the way the endpoint runs it.
enum GoalTreeBenchmark {
    static func run(url: String, org: UUID, company: UUID, period: String, requests: Int) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: 2))
        defer { db.close() }
        let store = Store(database: db, clock: .live)
        let fiscal = try FiscalPeriod.parse(period, fiscalYearStartMonth: 4)
        var nodes = 0
        for _ in 0..<20 {
            nodes = try await store.tenant(org) { tx in
                try await GoalTreeRepository.tree(tx, period: fiscal, companyID: company).count
            }
        }
        var samples: [Double] = []
        for _ in 0..<requests {
            let start = ContinuousClock.now
            _ = try await store.tenant(org) { tx in
                try await GoalTreeRepository.tree(tx, period: fiscal, companyID: company).count
            }
            let elapsed = ContinuousClock.now - start
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int((p * Double(samples.count)).rounded(.up)) - 1)] }
        print(#"{"nodes": \#(nodes), "p50_ms": \#(percentile(0.5)), "p95_ms": \#(percentile(0.95)), "p99_ms": \#(percentile(0.99))}"#)
    }
}
