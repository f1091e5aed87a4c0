import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import Settings
import Store
import TestSupport
import Testing
import UseCases

/// A feed URL is a credential in the path itself: the request log names the route's template for it, so no log
/// line — at trace — holds a working link, whether the fetch succeeded, was refused or was cached.
@Suite struct CalendarFeedLogTests {
    @Test func theFeedTokenNeverReachesTheLogs() async throws {
        let logs = CapturedLogs()
        try await TestDatabase.with { db, url in
            var configuration = AppConfiguration(databaseURL: url, migrationsDirectory: TestDatabase.migrationsDirectory.path)
            configuration.metricsPort = 0
            configuration.secretBox = TestSecrets.box
            configuration.logLevel = .trace
            configuration.poolTimeout = .seconds(60)  // the suite runs at once: no 503 for a slow pool here
            let app = try await buildApplication(configuration: configuration, logger: logs.logger(), clock: TestClock.clock)
            let store = Store.testing(db)
            let org = try await OrgProvisioning.create(
                .init(name: "Feeds", ownerEmail: "owner@feeds.example", ownerPassword: "owner-password-feeds"), store: store)
            try await app.test(.router) { client in
                let first = try await client.issuedFeedPath(token: org.token, body: nil)
                let fetched = try await client.fetchFeed(first)
                #expect(fetched.status == .ok)
                let tag = try #require(fetched.headers[.eTag])
                #expect(try await client.fetchFeed(first, headers: [.ifNoneMatch: tag]).status == .notModified)
                let second = try await client.issuedFeedPath(token: org.token, body: nil)
                let refused = try await client.fetchFeed(first)
                #expect(refused.status == .notFound)
                // The refusal names the route, not the link: an answer may be logged or cached on the way back.
                #expect(refused.text.contains(#""instance":"/v1/calendar/{token}"#), "\(refused.text)")
                #expect(try await client.fetchFeed(second).status == .ok)
                let tokens = [first, second].map { String($0.dropFirst("/v1/calendar/".count).dropLast(".ics".count)) }
                let feedLines = logs.all.filter { $0.contains("route=/v1/calendar/{token}") }
                #expect(feedLines.count == 4, "one request line per fetch")
                #expect(feedLines.allSatisfy { $0.contains("path=/v1/calendar/{token}") })
                for token in tokens {
                    let leaked = logs.all.filter { $0.contains(token) }
                    #expect(leaked.isEmpty, "\(leaked.prefix(2))")
                    #expect(!refused.text.contains(token))
                }
            }
        }
    }
}
