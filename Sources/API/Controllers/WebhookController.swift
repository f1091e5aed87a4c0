import Crypto
import Database
import Domain
import Foundation
import Credentials
import HTTPTypes
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/v1/webhooks`: an org's outbound webhook endpoints (owners and admins), their delivery log, and a test event.
struct WebhookController: RouteCollection {
    let store: Store
    /// Where endpoints may point (`BANSO_ALLOW_PRIVATE_EGRESS`).
    let egress: EgressPolicy
    /// Seals the URL and signing secret at rest.
    let secrets: SecretBox

    struct EndpointDTO: Codable, Sendable, Versioned {
        var id: UUID
        var url: String
        var description: String?
        var eventTypes: [String]
        var format: WebhookEndpoint.Format
        var locale: Organization.Locale
        var active: Bool
        var consecutiveFailures: Int
        var disabledAt: Date?
        var disabledReason: String?
        var createdAt: Date
        var version: Int
        /// Only in the answer to the create.
        var secret: String?

        /// `url` and `secret` in the clear only in the answer to the create; afterwards the URL is masked (a
        /// Slack or Teams URL is a credential) and the secret is not shown.
        init(_ e: WebhookEndpoint, url plainURL: String, secret plainSecret: String? = nil) {
            (id, description, eventTypes, format, locale) = (e.id, e.description, e.eventTypes, e.format, e.locale)
            url = plainSecret != nil ? plainURL : WebhookEndpoint.masked(plainURL)
            (active, consecutiveFailures, disabledAt, disabledReason, createdAt, version) =
                (e.active, e.consecutiveFailures, e.disabledAt, e.disabledReason, e.createdAt, e.version)
            secret = plainSecret
        }

        /// As shown after its creation: the sealed URL opened, then masked.
        init(_ e: WebhookEndpoint, secrets: SecretBox) throws {
            self.init(e, url: try secrets.open(e.url, for: .webhookURL))
        }
    }
    struct DeliveryDTO: Codable, Sendable {
        var id: UUID
        var eventID: UUID
        var eventType: String
        var attempt: Int
        var succeeded: Bool
        var statusCode: Int?
        var error: String?
        var durationMs: Double
        var at: Date

        init(_ d: WebhookRepository.Delivery) {
            (id, eventID, eventType, attempt, succeeded) = (d.id, d.eventID, d.eventType, d.attempt, d.succeeded)
            (statusCode, error, durationMs, at) = (d.statusCode, d.error, d.durationMs, d.at)
        }
    }
    struct CreateInput: RequestBody {
        var url: String
        var description: String?
        var eventTypes: [String]
        var format: WebhookEndpoint.Format?
        var locale: Organization.Locale?

        static let schema = Schema.object(
            ["url": Schema.string, "description": Schema.string, "event_types": Schema.array(Schema.string),
             "format": Schema.enumeration(WebhookEndpoint.Format.self), "locale": Schema.enumeration(Organization.Locale.self)],
            required: ["url", "event_types"])
    }
    struct UpdateInput: RequestBody {
        var active: Bool

        static let schema = Schema.object(["active": Schema.boolean], required: ["active"])
    }

    static let schema = Schema.of(EndpointDTO.self)
    static let deliverySchema = Schema.of(DeliveryDTO.self)

    var routes: [Route<AuthenticatedContext>] {
        let tag = "webhooks"
        return [
            Route(.get, "/v1/webhooks", id: "listWebhooks", summary: "The org's webhook endpoints", tag: tag, scope: .admin,
                  responses: [200: ("Endpoints", Schema.object(["items": Schema.array(Self.schema)]))], handler: list),
            Route(.post, "/v1/webhooks", id: "createWebhook",
                  summary: "Subscribe an endpoint to event types; the answer shows its signing secret, once", tag: tag, scope: .admin,
                  body: CreateInput.self, responses: [201: ("Created", Self.schema)], problems: [403, 422], handler: create),
            Route(.patch, "/v1/webhooks/{id}", id: "updateWebhook", summary: "Enable or disable an endpoint", tag: tag, scope: .admin,
                  parameters: [Schema.pathID()], body: UpdateInput.self, responses: [200: ("Endpoint", Self.schema)], problems: [404],
                  handler: update),
            Route(.delete, "/v1/webhooks/{id}", id: "deleteWebhook", summary: "Remove an endpoint and its log", tag: tag, scope: .admin,
                  parameters: [Schema.pathID()], responses: [204: ("Removed", nil)], problems: [404], handler: delete),
            Route(.get, "/v1/webhooks/{id}/deliveries", id: "listWebhookDeliveries", summary: "The endpoint's delivery log, newest first",
                  tag: tag, scope: .admin, parameters: [Schema.pathID()],
                  responses: [200: ("Deliveries", Schema.object(["items": Schema.array(Self.deliverySchema)]))], problems: [404],
                  handler: deliveries),
            Route(.post, "/v1/webhooks/{id}/test", id: "testWebhook", summary: "Queue a `webhook.test` event to the endpoint",
                  tag: tag, scope: .admin, parameters: [Schema.pathID()],
                  responses: [202: ("Queued", Schema.object(["event_id": Schema.uuid]))], problems: [404], handler: test),
        ]
    }

    @Sendable func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let items = try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).list() }
        return try JSONResponse.make(["items": try items.map { try EndpointDTO($0, secrets: secrets) }])
    }

    /// The URL is checked — its host resolved against the egress policy — before the transaction opens, so no
    /// database connection waits for DNS.
    @Sendable func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the URL is checked: a caller who may not manage webhooks gets 403, not a verdict on the
        // URL, and sets off no DNS look-up.
        try Webhooks.requireManage(context.identity)
        let input = try await request.decodeJSON(as: CreateInput.self, context: context)
        let url = try WebhookEndpoint.validateURL(input.url)
        guard !input.eventTypes.isEmpty, input.eventTypes.allSatisfy(WebhookEndpoint.eventTypes.contains) else {
            throw Problem.invalidField("event_types", "event types are some of \(WebhookEndpoint.eventTypes.sorted().joined(separator: ", "))")
        }
        // Last, as it may wait for DNS.
        try await EgressCheck.webhook(url, policy: egress)
        let secret = "whsec_" + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let new = Webhooks.NewEndpoint(
            sealedURL: try secrets.seal(url, for: .webhookURL), sealedSecret: try secrets.seal(secret, for: .webhookSecret),
            description: input.description, eventTypes: input.eventTypes, format: input.format ?? .json, locale: input.locale ?? .ja)
        let endpoint = try await store.tenant(context) { tx, caller in
            try await Webhooks(tx, caller).create(new) { EndpointDTO($0, url: url) }
        }
        return try JSONResponse.make(EndpointDTO(endpoint, url: url, secret: secret), status: .created)
    }

    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "webhook")
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let secrets = self.secrets
        let after = try await store.tenant(context) { tx, caller in
            try await Webhooks(tx, caller).setActive(id, input.active) { try EndpointDTO($0, secrets: secrets) }
        }
        return try JSONResponse.make(try EndpointDTO(after, secrets: secrets))
    }

    @Sendable func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "webhook")
        try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).delete(id) }
        return JSONResponse.noContent()
    }

    @Sendable func deliveries(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "webhook")
        let items = try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).deliveries(id) }
        return try JSONResponse.make(["items": items.map(DeliveryDTO.init)])
    }

    @Sendable func test(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try request.uuidParameter(context, "id", what: "webhook")
        let event = try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).test(id) }
        return try JSONResponse.make(["event_id": event.id.uuidString.lowercased()], status: .accepted)
    }
}
