public import Domain
public import Foundation
public import Store

/// An org's outbound webhook endpoints, managed by its owners and admins: subscribe one, switch it on or off,
/// remove it, read its delivery log, send it a test event. URL and signing secret arrive sealed: the deployment's
/// key stays with the adapters, so this code never holds them in the clear.
public struct Webhooks: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a new endpoint is made of, as the adapter checked it (the URL's host against the egress policy too).
    public struct NewEndpoint: Sendable {
        public var sealedURL: String
        public var sealedSecret: String
        public var description: String?
        public var eventTypes: [String]
        public var format: WebhookEndpoint.Format
        public var locale: Organization.Locale

        public init(
            sealedURL: String, sealedSecret: String, description: String?, eventTypes: [String], format: WebhookEndpoint.Format,
            locale: Organization.Locale
        ) {
            (self.sealedURL, self.sealedSecret, self.description) = (sealedURL, sealedSecret, description)
            (self.eventTypes, self.format, self.locale) = (eventTypes, format, locale)
        }
    }

    /// Webhooks are an operator's: checked by every use case here, and exposed so an adapter can refuse before it
    /// checks a URL, which may wait for DNS.
    public static func requireManage(_ identity: Identity) throws {
        try identity.require(.manageJobs, in: .org)
    }

    public func list() async throws -> [WebhookEndpoint] {
        try Self.requireManage(identity)
        return try await WebhookRepository.list(tx)
    }

    /// Subscribes an endpoint. `shown` is the endpoint as the adapter shows it after its creation (URL masked, no
    /// secret): the audit entry records that, since only the adapter can open what is sealed.
    public func create<Shown: Encodable>(_ new: NewEndpoint, shown: (WebhookEndpoint) throws -> Shown) async throws -> WebhookEndpoint {
        try Self.requireManage(identity)
        let endpoint = try await WebhookRepository.insert(
            tx,
            WebhookEndpoint(
                id: .v7(), url: new.sealedURL, description: new.description, eventTypes: Array(Set(new.eventTypes)).sorted(),
                format: new.format, locale: new.locale, secret: new.sealedSecret, active: true, consecutiveFailures: 0,
                disabledAt: nil, disabledReason: nil, createdAt: caller.now, version: 1),
            by: identity.memberID)
        try await Audit.record(tx, caller, action: "webhook.create", resource: "webhook", id: endpoint.id, after: try shown(endpoint))
        return endpoint
    }

    /// Switches an endpoint on (clearing its failures) or off; `shown` as for ``create(_:shown:)``.
    public func setActive<Shown: Encodable>(_ id: UUID, _ active: Bool, shown: (WebhookEndpoint) throws -> Shown) async throws
        -> WebhookEndpoint
    {
        try Self.requireManage(identity)
        guard let after = try await WebhookRepository.setActive(tx, id: id, active: active) else {
            throw DomainError(.notFound, "webhook not found")
        }
        try await Audit.record(tx, caller, action: "webhook.update", resource: "webhook", id: id, after: try shown(after))
        return after
    }

    /// Removes an endpoint and its delivery log.
    public func delete(_ id: UUID) async throws {
        try Self.requireManage(identity)
        guard try await WebhookRepository.delete(tx, id: id) else { throw DomainError(.notFound, "webhook not found") }
        try await Audit.record(tx, caller, action: "webhook.delete", resource: "webhook", id: id)
    }

    /// The endpoint's last 100 deliveries, newest first.
    public func deliveries(_ id: UUID) async throws -> [WebhookRepository.Delivery] {
        try Self.requireManage(identity)
        guard try await WebhookRepository.get(tx, id: id) != nil else { throw DomainError(.notFound, "webhook not found") }
        return try await WebhookRepository.deliveries(tx, endpoint: id, limit: 100)
    }

    /// Queues a `webhook.test` event to the endpoint; returns the event.
    public func test(_ id: UUID) async throws -> WebhookEvent {
        try Self.requireManage(identity)
        guard var endpoint = try await WebhookRepository.get(tx, id: id) else { throw DomainError(.notFound, "webhook not found") }
        let event = WebhookEvent.test(id: .v7(), at: caller.now, endpoint: endpoint.id)
        // A test goes to this endpoint whatever it subscribes to.
        endpoint.eventTypes = ["*"]
        try await WebhookRepository.emitTo(tx, endpoint: endpoint, event)
        return event
    }
}
