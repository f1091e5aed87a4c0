import API
import UseCases
import Credentials
import Settings
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Mail
import Scheduler
import Store
import Synchronization
import TestSupport
import Testing

/// No secret — passwords, session and API tokens, invitation and reset links, webhook secrets and URLs, relay
/// passwords — ever reaches a log line, an audit entry or an error answer: every flow that handles one runs with
/// logging at `trace`, and the output is searched.
@Suite struct SecretsInLogsTests {
    @Test func noSecretReachesTheLogsTheAuditOrAnAnswer() async throws {
        let logs = CapturedLogs()
        let receiver = EgressTests.Receiver()
        try await receiver.app.test(.live) { peer in
            let port = try #require(peer.port)
            try await SMTPSink.with { sink in
                try await TestDatabase.with { db, url in
                    var configuration = AppConfiguration(databaseURL: url, migrationsDirectory: TestDatabase.migrationsDirectory.path)
                    configuration.metricsPort = 0
                    configuration.secretBox = TestSecrets.box
                    configuration.allowPrivateEgress = true
                    configuration.logLevel = .trace
                    configuration.poolTimeout = .seconds(60)  // the suite runs at once: no 503 for a slow pool here
                    let logger = logs.logger()
                    // One clock for the app and the worker: on a busy machine this test can take minutes, and the worker
                    // must run as of a moment after the app queued its mail, not a fixed minute after the start.
                    let clock = TestClock.clock
                    let app = try await buildApplication(configuration: configuration, logger: logger, clock: clock)
                    var workerConfiguration = configuration
                    workerConfiguration.smtp = SMTPConfiguration(host: "127.0.0.1", port: sink.port, security: .none)
                    let frozen = workerConfiguration
                    let store = Store.testing(db)
                    let ownerPassword = "owner-password-\(UUID().uuidString.prefix(6))"
                    let org = try await OrgProvisioning.create(
                        .init(name: "Logs", ownerEmail: "owner@logs.example", ownerPassword: ownerPassword), store: store)
                    let found = Mutex<(secrets: [String], answers: [String])>(([ownerPassword, org.token], []))
                    try await app.test(.router) { client in
                        func call(_ method: HTTPRequest.Method, _ path: String, token: String?, _ json: String? = nil) async throws -> [String: Any] {
                            let response = try await client.call(method, path, token: token, json: json)
                            found.withLock { $0.answers.append("\(response.status) \(response.body)") }
                            return response.body
                        }
                        let login = try await call(.post, "/v1/auth/login", token: nil, body(["org": org.slug, "email": "owner@logs.example", "password": ownerPassword]))
                        let session = try #require(login["token"] as? String)
                        found.withLock { $0.secrets.append(session) }
                        _ = try await call(.post, "/v1/auth/login", token: nil, body(["org": org.slug, "email": "owner@logs.example", "password": ownerPassword + "x"]))
                        found.withLock { $0.secrets.append(ownerPassword + "x") }
                        let token = try #require(try await call(.post, "/v1/tokens", token: session, body(["name": "ci", "scopes": ["read", "write"]]))["token"] as? String)
                        found.withLock { $0.secrets.append(token) }
                        _ = try await call(.get, "/v1/me", token: token)
                        _ = try await call(.get, "/v1/me", token: token + "wrong")

                        let team = try #require(try await call(.post, "/v1/companies", token: session, body(["name": "SMB"]))["id"] as? String)
                        let teamID = try #require(try await call(.post, "/v1/teams", token: session, body(["company_id": team, "name": "T"]))["id"] as? String)
                        let invitation = try #require(try await call(.post, "/v1/invitations", token: session, body([
                            "email": "new@logs.example", "team_id": teamID, "role": "csm"]))["token"] as? String)
                        let newPassword = "invitee-password-\(UUID().uuidString.prefix(6))"
                        found.withLock { $0.secrets += [invitation, newPassword] }
                        // The link's page, opened with the token in the URL: the request log names the path, never the query.
                        _ = try await client.execute(uri: "/invitations/accept?token=\(invitation)", method: .get) { _ in }
                        _ = try await client.execute(uri: "/v1/auth/invitations/accept?token=\(invitation)", method: .get) { _ in }
                        let accepted = try await call(.post, "/v1/auth/invitations/accept", token: nil, body(["token": invitation, "password": newPassword]))
                        let member = try #require(accepted["member_id"] as? String)
                        let value = try #require(accepted["token"] as? String)
                        found.withLock { $0.secrets.append(value) }
                        let reset = try #require(try await call(.post, "/v1/members/\(member)/password-reset", token: session, "{}")["token"] as? String)
                        let resetPassword = "reset-password-\(UUID().uuidString.prefix(6))"
                        found.withLock { $0.secrets += [reset, resetPassword] }
                        _ = try await call(.post, "/v1/auth/password-reset/redeem", token: nil, body(["token": reset, "password": resetPassword]))
                        _ = try await call(.post, "/v1/auth/password-reset/redeem", token: nil, body(["token": reset, "password": resetPassword]))

                        let hookPath = "/hook-\(UUID().uuidString.prefix(8))"
                        let hook = try await call(.post, "/v1/webhooks", token: session, body(["url": "http://127.0.0.1:\(port)\(hookPath)", "event_types": ["*"]]))
                        let hookSecret = try #require(hook["secret"] as? String)
                        found.withLock { $0.secrets += [hookPath, hookSecret] }
                        _ = try await call(.post, "/v1/webhooks/\(try #require(hook["id"] as? String))/test", token: session)
                        let relayPassword = "relay-password-\(UUID().uuidString.prefix(6))"
                        found.withLock { $0.secrets.append(relayPassword) }
                        _ = try await call(.put, "/v1/org/mail-relay", token: session, body([
                            "smtp_url": "smtp://relay-user:\(relayPassword)@127.0.0.1:\(sink.port)?security=none"]))
                        _ = try await call(.post, "/v1/org/mail-relay/test", token: session)
                        _ = try await call(.get, "/v1/audit?limit=200", token: session)

                        // The worker at trace: webhook delivery, mail through the relay and the deployment's relay.
                        let worker = try await makeWorker(
                            database: Database(configuration: DatabaseConfiguration(url: url, poolSize: 2), logger: logger),
                            configuration: frozen, logger: logger, clock: clock)
                        _ = try await worker.runOnce(now: clock.now.addingTimeInterval(60))
                    }
                    let audit = try await store.system { tx in
                        try await tx.query("SELECT coalesce(before::text, '') || coalesce(after::text, '') FROM audit_event").decodeColumn(String.self)
                    }
                    #expect(logs.all.count > 50, "trace logging was on")
                    #expect(try sink.deliveries().count >= 2, "mail went out while logging at trace")
                    let (secrets, answers) = found.withLock { $0 }
                    for secret in secrets {
                        let inLogs = logs.all.filter { $0.contains(secret) }
                        #expect(inLogs.isEmpty, "\(secret) in the logs: \(inLogs.prefix(3))")
                        #expect(!audit.contains { $0.contains(secret) }, "\(secret) in the audit log")
                        // The answers that created a secret show it once, by design; no other answer does.
                        let echoed = answers.filter { $0.contains(secret) }
                        #expect(echoed.count <= 1, "\(secret) in \(echoed.count) answers")
                    }
                }
            }
        }
    }
}
