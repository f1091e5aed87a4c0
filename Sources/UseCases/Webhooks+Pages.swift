public import Domain
public import Foundation
public import Store

extension Webhooks {
    /// Renames an endpoint or changes the events it receives; `shown` as for ``create(_:shown:)``.
    public func edit<Shown: Encodable>(
        _ id: UUID, description: String?, eventTypes: [String], shown: (WebhookEndpoint) throws -> Shown
    ) async throws -> WebhookEndpoint {
        try Self.requireManage(identity)
        guard !eventTypes.isEmpty, eventTypes.allSatisfy(WebhookEndpoint.eventTypes.contains) else {
            throw DomainError(.invalid, "event types are some of \(WebhookEndpoint.eventTypes.sorted().joined(separator: ", "))", field: "event_types")
        }
        guard (description ?? "").count <= 200 else { throw DomainError(.invalid, "at most 200 characters", field: "description") }
        guard let before = try await WebhookRepository.get(tx, id: id) else { throw DomainError(.notFound, "webhook not found") }
        guard let after = try await WebhookRepository.update(tx, id: id, description: description, eventTypes: Array(Set(eventTypes)).sorted())
        else { throw DomainError(.notFound, "webhook not found") }
        try await Audit.record(
            tx, caller, action: "webhook.update", resource: "webhook", id: id, before: try shown(before), after: try shown(after))
        return after
    }

    /// When the endpoint's failed deliveries are tried next, by event id.
    public func nextRetries(_ id: UUID) async throws -> [UUID: Date] {
        try Self.requireManage(identity)
        return try await WebhookRepository.nextRetries(tx, endpoint: id)
    }
}
