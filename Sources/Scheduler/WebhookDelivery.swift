import AsyncHTTPClient
import Crypto
import Database
public import Credentials
public import Domain
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Store

/// Delivers webhook events (DESIGN §2): a JSON (or Slack/Teams) POST signed with the endpoint's secret —
/// `X-Banso-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — retried by the job queue with backoff
/// on any non-2xx answer or network error, every attempt logged per endpoint. After
/// ``WebhookEndpoint/failuresBeforeDisabling`` failures in a row the endpoint is disabled and the org's admins
/// are told.
///
/// The endpoint is a tenant's choice of where Banso connects, so every delivery passes the deployment's
/// ``EgressPolicy`` again (DNS may have changed since the URL was accepted): the host is resolved, every address
/// checked, and the connection goes to the address that was checked; `https` is required; redirects are not
/// followed; at most 4 KB of the answer is read.
public enum WebhookDelivery {
    struct Payload: Decodable {
        var endpointId: UUID
        var event: WebhookEvent

        enum CodingKeys: String, CodingKey {
            case endpointId = "endpoint_id"
            case event
        }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// The signature header's value for `body` sent at `timestamp`.
    public static func signature(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        var message = Array("\(timestamp).".utf8)
        message += body
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return "t=\(timestamp),v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// The request body in the endpoint's format.
    static func body(_ event: WebhookEvent, org: UUID, endpoint: WebhookEndpoint) throws -> [UInt8] {
        let text = endpoint.locale == .ja ? event.textJa : event.textEn
        let object: [String: Any]
        switch endpoint.format {
        case .json:
            let data = (try? JSONSerialization.jsonObject(with: Data(event.data.utf8))) ?? [String: Any]()
            object = [
                "id": event.id.uuidString.lowercased(), "type": event.type, "org_id": org.uuidString.lowercased(),
                "created_at": ISO8601DateFormatter().string(from: event.occurredAt), "text": text, "data": data,
            ]
        case .slack:
            object = ["text": text]
        case .teams:
            object = ["@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": text, "text": text]
        }
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// Largest part of an endpoint's answer that is read (and then dropped).
    static let answerLimit = 4 * 1024

    public static func deliver(_ context: JobContext, egress: EgressPolicy, secrets: SecretBox) async throws {
        guard let org = context.job.orgID else { return }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let payload = try decoder.decode(Payload.self, from: Data(context.job.payload.utf8))
        guard let endpoint = try await context.store.tenant(org, { tx in
            try await WebhookRepository.get(tx, id: payload.endpointId)
        }), endpoint.active else { return }
        let url = try secrets.open(endpoint.url, for: .webhookURL)
        let secret = try secrets.open(endpoint.secret, for: .webhookSecret)
        let body = try body(payload.event, org: org, endpoint: endpoint)
        let timestamp = Int((context.now ?? context.store.now).timeIntervalSince1970)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Banso-Webhooks/1")
        request.headers.add(name: "X-Banso-Event", value: payload.event.type)
        request.headers.add(name: "X-Banso-Delivery", value: payload.event.id.uuidString.lowercased())
        request.headers.add(name: "X-Banso-Signature", value: signature(secret: secret, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let started = ContinuousClock.now
        var status: Int?
        var failure: String?
        do {
            let client = try await Self.client(for: url, egress: egress)
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                status = Int(response.status.code)
                // The answer's body is not needed; reading a little of it ends the exchange cleanly.
                _ = try? await response.body.collect(upTo: Self.answerLimit)
                if (300..<400).contains(status!) {
                    failure = "the endpoint answered \(status!) (a redirect, which Banso does not follow)"
                } else if !(200..<300).contains(status!) {
                    failure = "the endpoint answered \(status!)"
                }
            } catch {
                failure = "\(error)"
            }
            try? await client.shutdown()
        } catch let refused as EgressRefused {
            failure = refused.description
        } catch {
            failure = "\(error)"
        }
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        try await context.store.tenant(org) { tx in
            let failures = try await WebhookRepository.record(
                tx, endpoint: endpoint.id, event: payload.event, attempt: context.job.attempt, succeeded: failure == nil,
                statusCode: status, error: failure, durationMs: milliseconds)
            if failure != nil, failures >= WebhookEndpoint.failuresBeforeDisabling {
                try await WebhookRepository.disable(
                    tx, id: endpoint.id, reason: "\(failures) deliveries in a row failed; last: \(failure!)")
                for admin in try await ScheduleRepository.administrators(tx) {
                    try await NotificationRepository.deliver(
                        tx, to: admin.member, .webhookDisabled(url: WebhookEndpoint.masked(url), failures: failures, locale: admin.locale),
                        subjectType: "webhook", subjectID: endpoint.id)
                }
            }
        }
        if let failure { throw Failed(description: failure) }
    }

    /// A client for one delivery, bound to the address the policy checked (`dnsOverride`: TLS still verifies the
    /// host name) and following no redirect.
    static func client(for url: String, egress: EgressPolicy) async throws -> HTTPClient {
        let target = try WebhookTarget(url: url, policy: egress)
        let address = try await EgressResolver.resolve(host: target.host, policy: egress)
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.dnsOverride = [target.host: address.ip]
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public static func handlers(egress: EgressPolicy, secrets: SecretBox) -> [String: JobHandler] {
        [WebhookRepository.deliveryJobKind: { context in try await deliver(context, egress: egress, secrets: secrets) }]
    }
}
