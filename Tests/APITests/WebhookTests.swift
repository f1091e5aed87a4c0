import API
import Credentials
import Settings
import Crypto
import Database
import Domain
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Scheduler
import Store
import Synchronization
import TestSupport
import Testing

/// Outbound webhooks against a real local HTTP receiver.
@Suite struct WebhookTests {
    final class Receiver: Sendable {
        struct Request: Sendable {
            var signature: String?
            var delivery: String?
            var event: String?
            var body: [UInt8]
        }
        let requests = Mutex<[Request]>([])
        /// Answers 500 this many times, then 200.
        let failFirst: Int
        init(failFirst: Int) { self.failFirst = failFirst }

        var app: some ApplicationProtocol {
            let router = Router()
            router.post("/hook") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                let count = self.requests.withLock {
                    $0.append(Request(
                        signature: request.headers[HTTPField.Name("X-Banso-Signature")!], delivery: request.headers[HTTPField.Name("X-Banso-Delivery")!],
                        event: request.headers[HTTPField.Name("X-Banso-Event")!], body: Array(body.readableBytesView)))
                    return $0.count
                }
                return Response(status: count <= self.failFirst ? .internalServerError : .ok)
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    /// The HMAC the receiver expects, computed here independently of the sender's code.
    static func valid(_ header: String?, secret: String, body: [UInt8]) -> Bool {
        guard let header else { return false }
        let parts = Dictionary(uniqueKeysWithValues: header.split(separator: ",").compactMap { part -> (String, String)? in
            let kv = part.split(separator: "=", maxSplits: 1)
            return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
        })
        guard let t = parts["t"], let v1 = parts["v1"] else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(t).".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined() == v1
    }

    @Test func failsTwiceThenDeliversOnceWithAValidSignature() async throws {
        let receiver = Receiver(failFirst: 2)
        try await receiver.app.test(.live) { peer in
            let port = try #require(peer.port)
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                let created = try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                    "url": "http://127.0.0.1:\(port)/hook", "event_types": ["check_in.submitted"], "format": "json", "locale": "en"]))
                #expect(created.status == .created, "\(created.body)")
                let secret = try #require(created.body["secret"] as? String)
                let id = try #require(created.body["id"] as? String)
                try await check(await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first?["secret"] == nil,
                                "the secret is shown once")
                try await check(await client.call(.post, "/v1/webhooks", token: a.smbManagerToken,
                                                  json: body(["url": "http://x.example", "event_types": ["*"]])).status == .forbidden)
                try await check(await client.call(.post, "/v1/webhooks", token: a.ownerToken,
                                                  json: body(["url": "ftp://x", "event_types": ["*"]])).body["field"] as? String == "url")
                try await check(await client.call(.post, "/v1/webhooks", token: a.ownerToken,
                                                  json: body(["url": "http://x.example", "event_types": ["nope"]])).body["field"] as? String == "event_types")

                // A submitted check-in is the event.
                let tree = try await SampleTree.make(client, a)
                try await check(await client.call(.put, "/v1/goals/\(tree.grr)/check-ins/2026-10", token: a.csmToken,
                                                  json: body(["actual": 93, "confidence": "on_track", "submit": true])).status == .ok)
                let worker = JobWorker(
                    store: services.store, database: services.database,
                    queues: [QueueConfiguration(name: "webhooks", concurrency: 2)], handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box),
                    settings: .init(retry: RetryPolicy(base: 1, cap: 3600, jitter: 0)))
                let start = services.clock.now.addingTimeInterval(1)
                #expect(try await worker.runOnce(now: start) == 1)
                #expect(try await worker.runOnce(now: start.addingTimeInterval(1)) == 0, "backing off: 1 + 1⁴ s")
                #expect(try await worker.runOnce(now: start.addingTimeInterval(3)) == 1)
                #expect(try await worker.runOnce(now: start.addingTimeInterval(30)) == 1)
                #expect(try await worker.runOnce(now: start.addingTimeInterval(3600)) == 0, "delivered: nothing left")

                let requests = receiver.requests.withLock { $0 }
                #expect(requests.count == 3)
                #expect(Set(requests.compactMap(\.delivery)).count == 1, "one event, three attempts")
                #expect(requests.allSatisfy { $0.event == "check_in.submitted" })
                #expect(requests.allSatisfy { Self.valid($0.signature, secret: secret, body: $0.body) })
                #expect(!Self.valid(requests[2].signature, secret: secret + "x", body: requests[2].body))
                let json = try #require(try JSONSerialization.jsonObject(with: Data(requests[2].body)) as? [String: Any])
                #expect(json["type"] as? String == "check_in.submitted")
                #expect((json["data"] as? [String: Any])?["goal_title"] as? String == "SMB GRR")
                #expect((json["text"] as? String)?.contains("was submitted") == true)
                let log = try await client.call(.get, "/v1/webhooks/\(id)/deliveries", token: a.ownerToken).body.items
                #expect(log.map { $0["succeeded"] as? Bool } == [true, false, false], "newest first")
                #expect(log.map { $0["status_code"] as? Int } == [200, 500, 500])

                // A test event, then disabling by hand.
                try await check(await client.call(.post, "/v1/webhooks/\(id)/test", token: a.ownerToken).status == .accepted)
                #expect(try await worker.runOnce(now: start.addingTimeInterval(7200)) == 1)
                #expect(receiver.requests.withLock { $0.last?.event } == "webhook.test")
                let off = try await client.call(.patch, "/v1/webhooks/\(id)", token: a.ownerToken, json: body(["active": false]))
                #expect(off.body["active"] as? Bool == false)
                try await check(await client.call(.delete, "/v1/webhooks/\(id)", token: a.ownerToken).status == .noContent)
            }
        }
    }

    /// An endpoint that keeps failing is disabled after ten failures in a row and the admins are told.
    @Test func repeatedFailureDisablesTheEndpoint() async throws {
        let receiver = Receiver(failFirst: 1000)
        try await receiver.app.test(.live) { peer in
            let port = try #require(peer.port)
            try await withTenants(configure: { $0.allowPrivateEgress = true }) { client, a, _, services in
                let created = try await client.call(.post, "/v1/webhooks", token: a.ownerToken, json: body([
                    "url": "http://127.0.0.1:\(port)/hook", "event_types": ["*"], "format": "slack"]))
                let id = try #require(created.body["id"] as? String)
                let worker = JobWorker(
                    store: services.store, database: services.database,
                    queues: [QueueConfiguration(name: "webhooks", concurrency: 4)], handlers: builtInJobHandlers(egress: .allowingPrivate, secrets: TestSecrets.box),
                    settings: .init(retry: RetryPolicy(base: 1, cap: 1, jitter: 0)))
                for _ in 0..<5 { try await check(await client.call(.post, "/v1/webhooks/\(id)/test", token: a.ownerToken).status == .accepted) }
                var now = services.clock.now.addingTimeInterval(1)
                for _ in 0..<4 {
                    try await worker.runOnce(now: now)
                    now = now.addingTimeInterval(5)
                }
                let endpoint = try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first
                #expect(endpoint?["active"] as? Bool == false)
                #expect((endpoint?["disabled_reason"] as? String)?.contains("in a row") == true)
                // Slack's format: just the text, in the endpoint's language.
                let first = try #require(receiver.requests.withLock { $0.first })
                let json = try #require(try JSONSerialization.jsonObject(with: Data(first.body)) as? [String: Any])
                #expect(json.keys.sorted() == ["text"])
                #expect(json["text"] as? String == "Banso からのテスト送信です")
                let inbox = try await client.call(.get, "/v1/me/notifications", token: a.ownerToken)
                #expect(inbox.body.items.contains { $0["kind"] as? String == "webhook.disabled" })
            }
        }
    }
}
