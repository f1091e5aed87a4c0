import API
import Credentials
import Settings
import Database
import Foundation
import Logging
import Hummingbird
import HummingbirdTesting
import Store
import Domain
import Testing
import TestSupport

@Suite struct SystemRouteTests {
    @Test func healthzAnswersOK() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"ok\""))
            }
        }
    }

    @Test func readyzIs503BeforeMigrationAnd200After() async throws {
        try await withApp(migrated: false) { client, services in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(body["code"] as? String == "not_ready")
                #expect((body["detail"] as? String)?.contains("0001_init") == true)
            }
            try await Migrator(database: services.database, migrations: services.migrations).migrate()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"migrations\":\"current\""))
            }
        }
    }

    @Test func readyzIs503WhenTheDatabaseIsUnreachable() async throws {
        // A port nothing listens on: the pool cannot connect, readiness must say so rather than hang or 500.
        var configuration = AppConfiguration(
            databaseURL: "postgres://postgres@127.0.0.1:1/none?connect_timeout=2",
            migrationsDirectory: TestDatabase.migrationsDirectory.path)
        configuration.poolTimeout = .seconds(2)
        configuration.metricsPort = 0
        configuration.secretBox = TestSecrets.box
        let app = try await buildApplication(configuration: configuration, logger: .init(label: "test"), clock: TestClock.clock)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains("not_ready"))
            }
        }
    }

    @Test func unknownRouteIsProblemDetails() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/v1/no-such-thing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(body["code"] as? String == "route_not_found")
                #expect(body["status"] as? Int == 404)
                #expect(body["type"] as? String == "urn:banso:problem:route_not_found")
                #expect(body["instance"] as? String == "/v1/no-such-thing")
                #expect(body["request_id"] as? String == response.headers[.requestID])
            }
        }
    }

    @Test func oversizedBodyIs413BeforeItIsRead() async throws {
        try await withApp(configure: { $0.maxBodyBytes = 2048 }) { client, _ in
            let big = ByteBuffer(repeating: UInt8(ascii: "x"), count: 10_000)
            try await client.execute(uri: "/healthz", method: .post, body: big) { response in
                #expect(response.status == .contentTooLarge)
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(body["code"] as? String == "payload_too_large")
            }
        }
    }

    @Test func requestIDIsEchoedOrGenerated() async throws {
        try await withApp { client, _ in
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "trace-abc.123"]) { response in
                #expect(response.headers[.requestID] == "trace-abc.123")
            }
            try await client.execute(uri: "/healthz", method: .get, headers: [.requestID: "bad id with spaces"]) {
                response in
                let id = try #require(response.headers[.requestID])
                #expect(id != "bad id with spaces")
                #expect(id.count == 32)
            }
        }
    }

    /// `/metrics` is not on the public port; its own listener serves it, with the operator's token when one is set.
    @Test func metricsExposeRequestsAndPool() async throws {
        try await withApp { client, services in
            try await client.execute(uri: "/healthz", method: .get) { _ in }
            try await client.execute(uri: "/readyz", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .notFound, "never on the API's port")
            }
            await QueueFiguresRefresher(store: services.store, database: services.database, logger: Logger(label: "test")).refresh()
            try await Application(router: MetricsListener.router(token: nil)).test(.router) { metrics in
                try await metrics.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.contains("http_requests_total{"))
                    #expect(text.contains("http.route=\"/healthz\"") || text.contains("http_route=\"/healthz\""))
                    #expect(text.contains("http_server_request_duration_seconds_bucket"))
                    #expect(text.contains("banso_db_pool_connections{state=\"open\"}"))
                    #expect(text.contains("banso_db_pool_waiters"))
                    #expect(text.contains("banso_db_query_duration_seconds_count"))
                }
            }
            try await Application(router: MetricsListener.router(token: "operator-secret-token")).test(.router) { metrics in
                try await metrics.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
                try await metrics.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer wrong-token-of-some-length"]) {
                    #expect($0.status == .unauthorized)
                }
                try await metrics.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer operator-secret-token"]) {
                    #expect($0.status == .ok)
                }
            }
        }
    }

    /// Queue depth by queue and state and the schedules' lag come from the background refresh, not the scrape.
    @Test func metricsExposeTheJobQueue() async throws {
        try await withApp { _, services in
            let queue = "metrics-" + UUID().uuidString.prefix(8).lowercased()
            try await services.store.system { tx in
                for _ in 0..<3 { try await JobRepository.enqueue(tx, NewJob(kind: "x", queue: queue)) }
            }
            let router = MetricsListener.router(token: nil)
            try await Application(router: router).test(.router) { metrics in
                try await metrics.execute(uri: "/metrics", method: .get) { response in
                    #expect(!String(buffer: response.body).contains("queue=\"\(queue)\""), "a scrape does not query the database")
                }
                await QueueFiguresRefresher(store: services.store, database: services.database, logger: Logger(label: "test")).refresh()
                try await metrics.execute(uri: "/metrics", method: .get) { response in
                    let text = String(buffer: response.body)
                    #expect(text.contains("banso_jobs_depth{queue=\"\(queue)\",state=\"available\"} 3"))
                    #expect(text.contains("banso_schedules_lag_seconds"))
                }
            }
        }
    }
}
