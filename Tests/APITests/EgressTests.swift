import API
import Credentials
import Settings
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mail
import Scheduler
import Store
import Synchronization
import TestSupport
import Testing

/// Issue 10, items 6 and 7: what a tenant configures to connect outward — webhooks, its mail relay — never reaches
/// loopback, private, link-local or metadata addresses under the default policy, neither when it is configured nor
/// when Banso connects; redirects are not followed. Real local receivers; `BANSO_ALLOW_PRIVATE_EGRESS` lets tests
/// (and on-premises operators) reach them.
@Suite struct EgressTests {
    /// A local receiver that counts requests; `/redirect` answers 302 to `location`.
    final class Receiver: Sendable {
        let hits = Mutex<[String]>([])
        let location: String?
        init(location: String? = nil) { self.location = location }

        var app: some ApplicationProtocol {
            let router = Router()
            router.post("/hook") { _, _ -> Response in
                self.hits.withLock { $0.append("/hook") }
                return Response(status: .ok)
            }
            router.post("/redirect") { _, _ -> Response in
                self.hits.withLock { $0.append("/redirect") }
                return Response(status: .found, headers: [.location: self.location ?? "/"])
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    @Test func theDefaultRefusesInternalWebhookAndRelayAddresses() async throws {
        try await withTenants { client, a, _, _ in
            func webhook(_ url: String) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                let answer = try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body(["url": url, "event_types": ["*"]]))
                return (answer.status, answer.body)
            }
            for url in ["http://127.0.0.1:5432/", "https://127.0.0.1:5432/", "https://localhost/hook", "https://169.254.169.254/latest/meta-data",
                        "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:a9fe:a9fe]/", "https://10.1.2.3/", "https://172.20.0.1/",
                        "https://192.168.1.1/", "https://100.64.0.1/", "https://[fe80::1]/", "https://[fd00::1]/", "https://0.0.0.0/",
                        "https://224.0.0.1/", "https://[64:ff9b::7f00:1]/", "http://8.8.8.8/hook"] {
                let refused = try await webhook(url)
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.body["code"] as? String == "forbidden_address", "\(url)")
                #expect(refused.body["field"] as? String == "url", "\(url)")
            }
            let unknown = try await webhook("https://no-such-host.invalid/hook")
            #expect(unknown.body["code"] as? String == "unresolvable_host")
            // A public address is accepted (nothing connects at creation).
            #expect(try await webhook("https://8.8.8.8/hook").status == .created)
            #expect(try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.count == 1, "nothing else was stored")

            func relay(_ url: String) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
                let answer = try await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body(["smtp_url": url]))
                return (answer.status, answer.body)
            }
            for url in ["smtp://127.0.0.1:587", "smtps://169.254.169.254:465", "smtp://[::1]:587", "smtp://localhost:25"] {
                let refused = try await relay(url)
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.body["code"] as? String == "forbidden_address", "\(url)")
                #expect(refused.body["field"] as? String == "smtp_url", "\(url)")
            }
            for url in ["smtps://8.8.8.8:8025", "smtp://8.8.8.8:587?security=none", "smtp://8.8.8.8:587?command_timeout=3600",
                        "smtp://8.8.8.8:587?connect_timeout=60"] {
                let refused = try await relay(url)
                #expect(refused.status == .unprocessableContent, "\(url)")
                #expect(refused.body["field"] as? String == "smtp_url", "\(url)")
            }
            #expect(try await relay("smtps://8.8.8.8:465").status == .ok)
            #expect(try await relay("smtp://8.8.8.8:2525?connect_timeout=20").status == .ok)
        }
    }

    /// The address is checked again when Banso connects: an endpoint accepted under a looser policy (or whose name
    /// now resolves elsewhere) gets nothing under the default.
    @Test func deliveriesAreCheckedWhenTheyConnectAndRedirectsAreNotFollowed() async throws {
        let target = Receiver()
        try await target.app.test(.live) { targetPeer in
            let targetPort = try #require(targetPeer.port)
            let redirecting = Receiver(location: "http://127.0.0.1:\(targetPort)/hook")
            try await redirecting.app.test(.live) { redirectPeer in
                let redirectPort = try #require(redirectPeer.port)
                try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                    let direct = try #require(try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                        "url": "http://127.0.0.1:\(targetPort)/hook", "event_types": ["*"]])).body["id"] as? String)
                    try await check(await client.call(.post, "/v1/webhooks/\(direct)/test", token: a.ownerToken).status == .accepted)
                    func worker(_ egress: EgressPolicy) -> JobWorker {
                        JobWorker(
                            store: services.store, database: services.database,
                            queues: [QueueConfiguration(name: "webhooks", concurrency: 2)], handlers: builtInJobHandlers(egress: egress, secrets: TestSecrets.box),
                            settings: .init(retry: RetryPolicy(base: 1, cap: 1, jitter: 0)))
                    }
                    let now = services.clock.now
                    #expect(try await worker(.strict).runOnce(now: now.addingTimeInterval(1)) == 1)
                    #expect(target.hits.withLock { $0 }.isEmpty, "the default policy never connected")
                    let log = try await client.call(.get, "/v1/webhooks/\(direct)/deliveries", token: a.ownerToken).body.items
                    #expect((log.first?["error"] as? String)?.contains("BANSO_ALLOW_PRIVATE_EGRESS") == true, "\(log)")
                    #expect(log.first?["status_code"] == nil || log.first?["status_code"] is NSNull, "never connected")
                    // The same delivery, retried where private egress is allowed, arrives.
                    #expect(try await worker(.allowingPrivate).runOnce(now: now.addingTimeInterval(10)) == 1)
                    #expect(target.hits.withLock { $0 } == ["/hook"])

                    // A redirect is an answer, not an instruction: recorded as a failure, never followed.
                    let moved = try #require(try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                        "url": "http://127.0.0.1:\(redirectPort)/redirect", "event_types": ["*"]])).body["id"] as? String)
                    try await check(await client.call(.post, "/v1/webhooks/\(moved)/test", token: a.ownerToken).status == .accepted)
                    #expect(try await worker(.allowingPrivate).runOnce(now: now.addingTimeInterval(20)) == 1)
                    #expect(redirecting.hits.withLock { $0 } == ["/redirect"])
                    #expect(target.hits.withLock { $0 } == ["/hook"], "the redirect's target got nothing")
                    let movedLog = try await client.call(.get, "/v1/webhooks/\(moved)/deliveries", token: a.ownerToken).body.items
                    #expect(movedLog.first?["status_code"] as? Int == 302)
                    #expect(movedLog.first?["succeeded"] as? Bool == false)
                }
            }
        }
    }

    /// An org relay accepted under a looser policy is refused when the default policy connects: the mail fails,
    /// finally, and the relay hears nothing.
    @Test func aRelayIsCheckedWhenMailIsSent() async throws {
        try await SMTPSink.with { sink in
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                try await check(await client.call(.put, "/v1/org/mail-relay", token: a.ownerToken, json: body([
                    "smtp_url": "smtp://127.0.0.1:\(sink.port)?security=none"])).status == .ok)
                try await check(await client.call(.post, "/v1/org/mail-relay/test", token: a.ownerToken).status == .accepted)
                try await sendQueuedMail(services, egress: .strict)
                #expect(try sink.deliveries().isEmpty)
                let stored = try await services.store.tenant(a.orgID) { tx in
                    try await tx.query("SELECT state, coalesce(last_error, '') FROM mail_outbox WHERE kind = 'relay_test'").decode((String, String).self)
                }
                #expect(stored.first?.0 == "failed")
                #expect(stored.first?.1.contains("not an SMTP port") == true || stored.first?.1.contains("security=none") == true, "\(stored)")
                // The relay test is rate-limited per org.
                for _ in 0..<4 { _ = try await client.call(.post, "/v1/org/mail-relay/test", token: a.ownerToken) }
                let limited = try await client.call(.post, "/v1/org/mail-relay/test", token: a.ownerToken)
                #expect(limited.status == .tooManyRequests)
                #expect(limited.headers[.retryAfter] != nil)
            }
        }
    }
}
