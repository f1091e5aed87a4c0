import Database
import Domain
import Foundation
import Store
import TestSupport
import Testing

/// Issue 10, items 6 and 7: one org's flood of outbound work cannot take every slot of a shared queue.
@Suite struct FairClaimTests {
    @Test func noOrgHoldsMoreThanItsShareOfRunningJobs() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let flood = UUID.v7(), quiet = UUID.v7()
            try await store.system { tx in
                for (org, slug) in [(flood, "flood"), (quiet, "quiet")] {
                    try await tx.execute("INSERT INTO org (id, slug, name) VALUES (\(org), \(slug), \(slug))")
                }
            }
            // The flooding org's 30 deliveries are due first; the quiet org's one comes after them.
            for n in 0..<30 {
                _ = try await store.tenant(flood) { tx in
                    try await JobRepository.enqueue(tx, NewJob(kind: "webhooks.deliver", payload: #"{"n":\#(n)}"#, orgID: flood, queue: "webhooks"))
                }
            }
            _ = try await store.tenant(quiet) { tx in
                try await JobRepository.enqueue(tx, NewJob(kind: "webhooks.deliver", orgID: quiet, queue: "webhooks"))
            }
            func claim(_ limit: Int) async throws -> [Job] {
                try await store.system { tx in try await JobRepository.claim(tx, queue: "webhooks", limit: limit, lease: 30, perOrg: 3) }
            }
            let first = try await claim(10)
            #expect(first.filter { $0.orgID == flood }.count == 3, "the flood gets its share, not every slot")
            #expect(first.filter { $0.orgID == quiet }.count == 1, "the quiet org is not starved")
            // While those run, the flooding org gets nothing more; once one finishes, one more.
            #expect(try await claim(10).isEmpty)
            let done = try #require(first.first { $0.orgID == flood })
            _ = try await store.system { tx in try await JobRepository.complete(tx, id: done.id, lease: done.leaseOwner!) }
            #expect(try await claim(10).map(\.orgID) == [flood])
            // Side by side, claims still respect the share.
            async let a = claim(5)
            async let b = claim(5)
            #expect(try await (a + b).isEmpty)
            let running = try await store.system { tx in
                try await tx.query("SELECT count(*) FROM job WHERE org_id = \(flood) AND state = 'running'").scalar(Int.self)
            }
            #expect(running == 3)
            // Without a share, the general queues claim as before.
            let plain = try await store.system { tx in try await JobRepository.claim(tx, queue: "webhooks", limit: 5, lease: 30) }
            #expect(plain.count == 5)
        }
    }
}
