import Crypto
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/v1/webhooks`: an org's outbound webhook endpoints (owners and admins), their delivery log, and a test event.
struct WebhookController {
    let store: Store
    /// Where endpoints may point (`BANSO_ALLOW_PRIVATE_EGRESS`).
    let egress: EgressPolicy
    /// Seals the URL and signing secret at rest.
    let secrets: SecretBox

    func dto(_ e: WebhookEndpoint) throws -> EndpointDTO {
        EndpointDTO(e, url: try secrets.open(e.url, for: .webhookURL))
    }

    struct EndpointDTO: Encodable, Sendable {
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
    }
    struct DeliveryDTO: Encodable, Sendable {
        var id: UUID
        var eventID: UUID
        var eventType: String
        var attempt: Int
        var succeeded: Bool
        var statusCode: Int?
        var error: String?
        var durationMs: Double
        var at: Date
    }
    struct CreateInput: Decodable {
        var url: String
        var description: String?
        var eventTypes: [String]
        var format: WebhookEndpoint.Format?
        var locale: Organization.Locale?
    }
    struct UpdateInput: Decodable { var active: Bool }

    static let schema = Schema.object(
        ["id": Schema.uuid, "url": Schema.string, "description": Schema.nullable(Schema.string), "event_types": Schema.array(Schema.string),
         "format": Schema.enumeration(WebhookEndpoint.Format.allCases.map(\.rawValue)), "locale": Schema.enumeration(["ja", "en"]),
         "active": Schema.boolean, "consecutive_failures": Schema.integer, "disabled_at": Schema.nullable(Schema.dateTime),
         "disabled_reason": Schema.nullable(Schema.string), "created_at": Schema.dateTime, "version": Schema.integer,
         "secret": Schema.string])
    static let deliverySchema = Schema.object(
        ["id": Schema.uuid, "event_id": Schema.uuid, "event_type": Schema.string, "attempt": Schema.integer, "succeeded": Schema.boolean,
         "status_code": Schema.nullable(Schema.integer), "error": Schema.nullable(Schema.string), "duration_ms": Schema.number,
         "at": Schema.dateTime])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/webhooks", id: "listWebhooks", summary: "The org's webhook endpoints", tag: "webhooks",
                         responses: [200: ("Endpoints", Schema.object(["items": Schema.array(schema)]))]),
        OpenAPIOperation("POST", "/v1/webhooks", id: "createWebhook",
                         summary: "Subscribe an endpoint to event types; the answer shows its signing secret, once", tag: "webhooks",
                         requestBody: Schema.object(
                            ["url": Schema.string, "description": Schema.string, "event_types": Schema.array(Schema.string),
                             "format": Schema.enumeration(WebhookEndpoint.Format.allCases.map(\.rawValue)), "locale": Schema.enumeration(["ja", "en"])],
                            required: ["url", "event_types"]),
                         responses: [201: ("Created", schema)], problems: [403, 422]),
        OpenAPIOperation("PATCH", "/v1/webhooks/{id}", id: "updateWebhook", summary: "Enable or disable an endpoint", tag: "webhooks",
                         parameters: [Schema.pathID()], requestBody: Schema.object(["active": Schema.boolean], required: ["active"]),
                         responses: [200: ("Endpoint", schema)], problems: [404]),
        OpenAPIOperation("DELETE", "/v1/webhooks/{id}", id: "deleteWebhook", summary: "Remove an endpoint and its log", tag: "webhooks",
                         parameters: [Schema.pathID()], responses: [204: ("Removed", nil)], problems: [404]),
        OpenAPIOperation("GET", "/v1/webhooks/{id}/deliveries", id: "listWebhookDeliveries", summary: "The endpoint's delivery log, newest first",
                         tag: "webhooks", parameters: [Schema.pathID()],
                         responses: [200: ("Deliveries", Schema.object(["items": Schema.array(deliverySchema)]))], problems: [404]),
        OpenAPIOperation("POST", "/v1/webhooks/{id}/test", id: "testWebhook", summary: "Queue a `webhook.test` event to the endpoint",
                         tag: "webhooks", parameters: [Schema.pathID()],
                         responses: [202: ("Queued", Schema.object(["event_id": Schema.uuid]))], problems: [404]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/webhooks") { _, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let items = try await store.tenant(identity.orgID) { tx in try await WebhookRepository.list(tx) }
            return try JSONResponse.make(["items": try items.map(dto)])
        }
        router.post("/v1/webhooks") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let input = try await request.decodeJSON(as: CreateInput.self, context: context)
            let url = try WebhookEndpoint.validateURL(input.url)
            guard !input.eventTypes.isEmpty, input.eventTypes.allSatisfy(WebhookEndpoint.eventTypes.contains) else {
                throw Problem.invalidField("event_types", "event types are some of \(WebhookEndpoint.eventTypes.sorted().joined(separator: ", "))")
            }
            // Last, as it may wait for DNS.
            try await EgressCheck.webhook(url, policy: egress)
            let secret = "whsec_" + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            return try await store.tenant(identity.orgID) { tx in
                let endpoint = try await WebhookRepository.insert(
                    tx,
                    WebhookEndpoint(
                        id: .v7(), url: try secrets.seal(url, for: .webhookURL), description: input.description,
                        eventTypes: Array(Set(input.eventTypes)).sorted(), format: input.format ?? .json, locale: input.locale ?? .ja,
                        secret: try secrets.seal(secret, for: .webhookSecret), active: true, consecutiveFailures: 0,
                        disabledAt: nil, disabledReason: nil, createdAt: store.now, version: 1),
                    by: identity.memberID)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "webhook.create", resource: "webhook", id: endpoint.id, after: try dto(endpoint))
                return try JSONResponse.make(EndpointDTO(endpoint, url: url, secret: secret), status: .created, version: endpoint.version)
            }
        }
        router.patch("/v1/webhooks/:id") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let id = try request.uuidParameter(context, "id", what: "webhook")
            let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
            return try await store.tenant(identity.orgID) { tx in
                guard let after = try await WebhookRepository.setActive(tx, id: id, active: input.active) else {
                    throw Problem.notFound("webhook")
                }
                try await AuditTrail.record(
                    tx, identity, context: context, action: "webhook.update", resource: "webhook", id: id, after: try dto(after))
                return try JSONResponse.make(try dto(after), version: after.version)
            }
        }
        router.delete("/v1/webhooks/:id") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let id = try request.uuidParameter(context, "id", what: "webhook")
            return try await store.tenant(identity.orgID) { tx in
                guard try await WebhookRepository.delete(tx, id: id) else { throw Problem.notFound("webhook") }
                try await AuditTrail.record(tx, identity, context: context, action: "webhook.delete", resource: "webhook", id: id)
                return JSONResponse.noContent()
            }
        }
        router.get("/v1/webhooks/:id/deliveries") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let id = try request.uuidParameter(context, "id", what: "webhook")
            let items = try await store.tenant(identity.orgID) { tx in
                guard try await WebhookRepository.get(tx, id: id) != nil else { throw Problem.notFound("webhook") }
                return try await WebhookRepository.deliveries(tx, endpoint: id, limit: 100)
            }
            return try JSONResponse.make(["items": items.map {
                DeliveryDTO(id: $0.id, eventID: $0.eventID, eventType: $0.eventType, attempt: $0.attempt, succeeded: $0.succeeded,
                            statusCode: $0.statusCode, error: $0.error, durationMs: $0.durationMs, at: $0.at)
            }])
        }
        router.post("/v1/webhooks/:id/test") { request, context in
            let identity = try context.requireIdentity()
            try identity.require(.manageJobs, in: .org)
            let id = try request.uuidParameter(context, "id", what: "webhook")
            return try await store.tenant(identity.orgID) { tx in
                guard let endpoint = try await WebhookRepository.get(tx, id: id) else { throw Problem.notFound("webhook") }
                let event = WebhookEvent.test(id: .v7(), at: store.now, endpoint: endpoint.id)
                // A test goes to this endpoint whatever it subscribes to.
                var only = endpoint
                only.eventTypes = ["*"]
                try await WebhookRepository.emitTo(tx, endpoint: only, event)
                return try JSONResponse.make(["event_id": event.id.uuidString.lowercased()], status: .accepted)
            }
        }
    }
}
