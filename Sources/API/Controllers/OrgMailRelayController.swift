import Database
import Domain
import Foundation
import Credentials
import HTTPTypes
import Hummingbird
import Mail
import Scheduler
import Store
import UseCases

/// `/v1/org/mail-relay`: the org's own SMTP relay and sender, used instead of the deployment's. Its credentials go
/// in and never come back out.
struct OrgMailRelayController: RouteCollection {
    let store: Store
    /// Where relays may be (`BANSO_ALLOW_PRIVATE_EGRESS`).
    let egress: EgressPolicy
    /// Seals the relay URL (with its password) at rest.
    let secrets: SecretBox

    struct RelayDTO: Codable, Sendable {
        var configured: Bool
        var host: String?
        var port: Int?
        var security: String?
        var username: String?
        var fromAddress: String?
        var fromName: String?
        var updatedAt: Date?

        init(_ relay: OrgMailRelayRepository.Relay?, secrets: SecretBox) {
            configured = relay != nil
            guard let relay, let url = try? secrets.open(relay.smtpURL, for: .relayURL),
                  let configuration = try? SMTPConfiguration(url: url)
            else { return }
            (host, port, security) = (configuration.host, configuration.port, configuration.security.rawValue)
            username = configuration.credentials?.username
            (fromAddress, fromName, updatedAt) = (relay.fromAddress, relay.fromName, relay.updatedAt)
        }
    }

    struct SetInput: RequestBody {
        var smtpUrl: String
        var fromAddress: String?
        var fromName: String?

        static let schema = Schema.object(
            ["smtp_url": Schema.string, "from_address": Schema.string, "from_name": Schema.string], required: ["smtp_url"])
    }

    static let schema = Schema.of(RelayDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "mail"
        return [
            Route(.get, "/v1/org/mail-relay", id: "getMailRelay", summary: "The org's own SMTP relay, without its password", tag: tag,
                  scope: .admin, responses: [200: ("Relay", Self.schema)], problems: [403], handler: get),
            Route(.put, "/v1/org/mail-relay", id: "setMailRelay",
                  summary: "Send the org's mail through its own relay (smtp_url as BANSO_SMTP_URL) and sender", tag: tag,
                  scope: .admin, body: SetInput.self, responses: [200: ("Relay", Self.schema)], problems: [403, 422], handler: set),
            Route(.delete, "/v1/org/mail-relay", id: "deleteMailRelay", summary: "Back to the deployment's relay", tag: tag,
                  scope: .admin, responses: [204: ("Removed", nil)], problems: [403, 404], handler: delete),
            Route(.post, "/v1/org/mail-relay/test", id: "testMailRelay",
                  summary: "Queue a test message to the caller through the relay in use", tag: tag, scope: .admin,
                  responses: [202: ("Queued", Schema.object(["mail_id": Schema.uuid]))], problems: [403, 429], handler: test),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let relay = try await store.tenant(context) { tx, caller in try await UseCases.MailRelays(tx, caller).current() }
        return try JSONResponse.make(RelayDTO(relay, secrets: secrets))
    }

    /// The URL is checked — its host resolved against the egress policy — before the transaction opens, so no
    /// database connection waits for DNS.
    @Sendable func set(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the URL is checked: a caller who may not change the relay gets 403, not a verdict on the
        // URL, and sets off no DNS look-up.
        try UseCases.MailRelays.requireChange(context.identity)
        let input = try await request.decodeJSON(as: SetInput.self, context: context)
        let url = input.smtpUrl.trimmingCharacters(in: .whitespaces)
        let configuration: SMTPConfiguration
        do {
            configuration = try Scheduler.MailRelays.tenantConfiguration(url: url, policy: egress)
            _ = try SMTPClient(configuration: configuration)
        } catch {
            throw Problem.invalidField("smtp_url", error.message)
        }
        try await EgressCheck.relay(host: configuration.host, policy: egress)
        let fromName = input.fromName?.trimmingCharacters(in: .whitespaces)
        if let address = input.fromAddress {
            do { _ = try MailAddress(address, displayName: fromName?.isEmpty == false ? fromName : nil) } catch {
                throw Problem.invalidField(error.field == "display_name" ? "from_name" : "from_address", "not a usable sender (\(error.code))")
            }
        }
        let setting = UseCases.MailRelays.Setting(
            sealedURL: try secrets.seal(url, for: .relayURL), host: configuration.host, fromAddress: input.fromAddress,
            fromName: fromName?.isEmpty == false ? fromName : nil)
        let secrets = self.secrets
        let relay = try await store.tenant(context) { tx, caller in
            try await UseCases.MailRelays(tx, caller).set(setting) { RelayDTO($0, secrets: secrets) }
        }
        return try JSONResponse.make(RelayDTO(relay, secrets: secrets))
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await store.tenant(context) { tx, caller in try await UseCases.MailRelays(tx, caller).remove() }
        return JSONResponse.noContent()
    }

    @Sendable func test(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let secrets = self.secrets
        do {
            let id = try await store.tenant(context) { tx, caller in
                try await UseCases.MailRelays(tx, caller).queueTest { relay in
                    try? SMTPConfiguration(url: secrets.open(relay.smtpURL, for: .relayURL)).host
                }
            }
            return try JSONResponse.make(["mail_id": id.uuidString.lowercased()], status: .accepted)
        } catch let limit as UseCases.MailRelays.TestLimitReached {
            throw Problem(
                status: .tooManyRequests, code: "rate_limited", detail: "at most \(limit.perHour) test messages an hour",
                headers: [.retryAfter: "\(limit.retryAfterSeconds)"])
        }
    }
}
