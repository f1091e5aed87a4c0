import Database
import Foundation
import Testing
import TestSupport

/// LISTEN/NOTIFY through `db.listen` while `db.run()` runs.
@Suite struct NotificationTests {
    @Test func receivesNotificationsFromOtherSessions() async throws {
        try await TestDatabase.with { db, url in
            let sender = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { sender.close() }
            let senderPID = try await sender.withConnection { $0.backendPID }
            try await whileRunning(db) {
                let stream = try await subscribe(db, "chan")
                try await sender.notify("chan", payload: "hello")
                try await sender.notify("chan", payload: japanese)
                try await sender.notify("chan")
                try await db.notify("chan", payload: "from the pool")
                try await sender.query("NOTIFY chan, 'via SQL'")
                let received = try await next(5, of: stream)
                #expect(received.map(\.payload) == ["hello", japanese, "", "from the pool", "via SQL"])
                #expect(received.allSatisfy { $0.channel == "chan" })
                #expect(received[0].processID == senderPID)
                #expect(received[1].processID == senderPID)
            }
        }
    }

    @Test func notificationOfARolledBackTransactionIsNeverDelivered() async throws {
        try await TestDatabase.with { db, url in
            struct Boom: Error {}
            let sender = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { sender.close() }
            try await whileRunning(db) {
                let stream = try await subscribe(db, "jobs")
                await #expect(throws: Boom.self) {
                    try await sender.transaction { tx in
                        try await tx.query("SELECT pg_notify('jobs', \("rolled back"))")
                        throw Boom()
                    }
                }
                // A committed one sent afterwards is the first to arrive: the rolled-back one never will.
                try await sender.notify("jobs", payload: "committed")
                let first = try await next(1, of: stream)
                #expect(first.map(\.payload) == ["committed"])
            }
        }
    }

    @Test func notificationIsDeliveredAtCommit() async throws {
        try await TestDatabase.with { db, url in
            let sender = Database(configuration: DatabaseConfiguration(url: url, poolSize: 2))
            defer { sender.close() }
            try await whileRunning(db) {
                let stream = try await subscribe(db, "jobs")
                try await sender.transaction { tx in
                    try await tx.query("SELECT pg_notify('jobs', \("in transaction"))")
                    // Sent and committed by another session while this transaction is still open.
                    try await sender.notify("jobs", payload: "meanwhile")
                }
                let received = try await next(2, of: stream)
                #expect(received.map(\.payload) == ["meanwhile", "in transaction"])
            }
        }
    }

    @Test func channelsAreSeparateAndSubscribersShare() async throws {
        try await TestDatabase.with { db, _ in
            try await whileRunning(db) {
                let a1 = try await subscribe(db, "a")
                let a2 = try await subscribe(db, "a")
                let b = try await subscribe(db, "b")
                // Identifier quoting keeps case and odd characters.
                let odd = try await subscribe(db, "Mixed Case \"q\" 通知")
                try await db.notify("b", payload: "for b")
                try await db.notify("a", payload: "for a")
                try await db.notify("Mixed Case \"q\" 通知", payload: japanese)
                try await db.notify("mixed case \"q\" 通知", payload: "wrong case")
                try await db.notify("A", payload: "wrong case")
                try await db.notify("a", payload: "for a again")
                try await db.notify("b", payload: "for b again")
                #expect(try await next(2, of: a1).map(\.payload) == ["for a", "for a again"])
                #expect(try await next(2, of: a2).map(\.payload) == ["for a", "for a again"])
                #expect(try await next(2, of: b).map(\.payload) == ["for b", "for b again"])
                let oddReceived = try await next(1, of: odd)
                #expect(oddReceived.map(\.payload) == [japanese])
                #expect(oddReceived.first?.channel == "Mixed Case \"q\" 通知")
            }
        }
    }

    @Test func manyNotificationsArriveInOrder() async throws {
        try await TestDatabase.with { db, url in
            let sender = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { sender.close() }
            try await whileRunning(db) {
                let stream = try await subscribe(db, "burst")
                let payloads = (0..<500).map { "\($0) \(japanese)" }
                for chunk in stride(from: 0, to: payloads.count, by: 100) {
                    let queries: [SQLQuery] = payloads[chunk..<chunk + 100].map { "SELECT pg_notify('burst', \($0))" }
                    _ = try await sender.batch(queries)
                }
                let received = try await next(500, of: stream, within: .seconds(10))
                #expect(received.map(\.payload) == payloads)
            }
        }
    }

    @Test func listenNeedsTheServiceRunning() async throws {
        try await TestDatabase.with { db, _ in
            let error = await #expect(throws: DatabaseError.self) { _ = try await db.listen("chan") }
            #expect(error?.message.contains("run()") == true)
        }
    }

    @Test func streamsFinishWhenTheServiceStops() async throws {
        try await TestDatabase.with { db, _ in
            let stream = try await whileRunning(db) {
                let stream = try await subscribe(db, "chan")
                try await db.notify("chan", payload: "one")
                #expect(try await next(1, of: stream).map(\.payload) == ["one"])
                return stream
            }
            // After run() ended, iteration ends instead of waiting forever.
            let rest = try await next(1, of: stream, within: .seconds(5))
            #expect(rest.isEmpty)
        }
    }

    /// The server ends the listening session: the listener reconnects, LISTENs again, and delivery resumes.
    @Test func listenerReconnectsAfterItsSessionIsKilled() async throws {
        try await TestDatabase.with { db, url in
            let name = try await db.currentDatabase()
            let sender = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
            defer { sender.close() }
            try await whileRunning(db) {
                let stream = try await subscribe(db, "chan")
                try await sender.notify("chan", payload: "before")
                #expect(try await next(1, of: stream).map(\.payload) == ["before"])
                try await withAdmin { admin in
                    let listeners = try await admin.query(
                        """
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = \(name) AND backend_type = 'client backend' AND query ILIKE 'LISTEN%'
                        """
                    ).decodeColumn(Int32.self)
                    #expect(listeners.count == 1)
                    for pid in listeners {
                        #expect(try await admin.query("SELECT pg_terminate_backend(\(pid))").scalar(Bool.self) == true)
                    }
                }
                let collector = Collector(stream)
                // Probe until the new session listens (notifications sent while it was down are lost, as
                // documented); from then on nothing is lost.
                var probe = 0
                var back = false
                while !back, probe < 50 {
                    probe += 1
                    try await sender.notify("chan", payload: "probe \(probe)")
                    back = try await collector.wait(within: .milliseconds(200)) { $0.contains { $0.hasPrefix("probe") } }
                }
                #expect(back, "the listener did not come back")
                let after = (1...20).map { "after \($0)" }
                for payload in after { try await sender.notify("chan", payload: payload) }
                let all = try await collector.wait { $0.suffix(after.count) == after[...] }
                #expect(all, "\(collector.payloads)")
            }
        }
    }
}
