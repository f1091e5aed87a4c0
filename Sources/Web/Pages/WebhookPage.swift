import API
import Credentials
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/webhooks/{id}`: one endpoint — rename it or change its events, pause or switch it on again, remove it,
/// send it a test event — and its delivery log, newest first, a page of 20 at a time, with when a failed delivery
/// is tried next. The URL is shown masked and the secret never again.
struct WebhookPage: Sendable {
    let store: Store
    let secrets: SecretBox

    static let pageSize = 20

    struct Delivery: Sendable {
        let time: String
        let event: String
        let status: String
        let succeeded: Bool
        let outcome: String
        let duration: String
        let attempt: String
        let error: String?
        let nextRetry: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let id: String
        let title: String
        let url: String
        let description: String?
        let events: String
        let format: String
        let state: String
        let stateClass: String
        let active: Bool
        let failures: String
        let created: String
        let deliveries: [Delivery]
        let empty: Bool
        let newer: String?
        let older: String?
        let pageLabel: String
        let notice: String?
        let editDescription: String
        let editEvents: [WebhooksPage.EventChoice]
        let editError: String?
        let descriptionError: String?
        let eventsError: String?
    }

    static let notices = [
        "edited": "ops_wh_notice_edited", "paused": "ops_wh_notice_paused", "activated": "ops_wh_notice_activated", "tested": "ops_wh_notice_tested",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try OperationsPages.id(context, what: "webhook")
        let page = max(1, request.uri.queryParameters["page"].flatMap { Int(String($0)) } ?? 1)
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, page: page, path: request.uri.description, typed: nil, refusal: nil, notice: notice)
        }
        return PageResponse.render("ops-webhook", model)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, page: Int, path: String, typed: EditFields?,
        refusal: (field: String, message: String)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let webhooks = Webhooks(tx, caller)
        let log = try await webhooks.deliveries(id)
        let retries = try await webhooks.nextRetries(id)
        guard let endpoint = try await WebhookRepository.get(tx, id: id) else { throw DomainError(.notFound, "webhook not found") }
        let url = (try? secrets.open(endpoint.url, for: .webhookURL)).map(WebhookEndpoint.masked) ?? "…"
        let (state, stateClass) = WebhooksPage.state(endpoint, t)
        let pages = max(1, (log.count + Self.pageSize - 1) / Self.pageSize)
        let current = min(page, pages)
        let shown = log.dropFirst((current - 1) * Self.pageSize).prefix(Self.pageSize)
        // Only the newest attempt at an event waits for a retry; older rows of the same event do not.
        var latest: Set<UUID> = []
        var newestOfEvent: Set<UUID> = []
        for d in log where !latest.contains(d.eventID) {
            latest.insert(d.eventID)
            newestOfEvent.insert(d.id)
        }
        let base = "/admin/webhooks/\(id.lowercased)"
        let chosen = Set(typed?.events ?? endpoint.eventTypes)
        return Model(
            chrome: reader.chrome(title: t["ops_wh_detail_title"], current: "/admin", page: path), t: t.strings,
            id: id.lowercased, title: endpoint.description ?? url, url: url, description: endpoint.description,
            events: endpoint.eventTypes.map { WebhooksPage.eventLabel($0, t) }.joined(separator: "、"),
            format: t["ops_wh_format_\(endpoint.format.rawValue)"], state: state, stateClass: stateClass, active: endpoint.active,
            failures: f.number(Double(endpoint.consecutiveFailures)), created: f.dateTime(endpoint.createdAt),
            deliveries: shown.map { d in
                Delivery(
                    time: f.dateTime(d.at), event: WebhooksPage.eventLabel(d.eventType, t), status: d.statusCode.map(String.init) ?? "–",
                    succeeded: d.succeeded, outcome: t[d.succeeded ? "ops_wh_delivered" : "ops_wh_failed"],
                    duration: t.format("ops_ms", ["ms": f.number(d.durationMs, fractionDigits: 0)]), attempt: f.number(Double(d.attempt)),
                    error: d.error,
                    nextRetry: !d.succeeded && newestOfEvent.contains(d.id) ? retries[d.eventID].map { f.dateTime($0) } : nil)
            },
            empty: log.isEmpty,
            newer: current > 1 ? "\(base)?page=\(current - 1)" : nil,
            older: current < pages ? "\(base)?page=\(current + 1)" : nil,
            pageLabel: t.format("ops_page_of", ["page": f.number(Double(current)), "pages": f.number(Double(pages))]),
            notice: notice.map { t[$0] },
            editDescription: typed?.description ?? endpoint.description ?? "",
            editEvents: WebhooksPage.choices(chosen, t),
            editError: refusal.flatMap { ["description", "event_types"].contains($0.field) ? nil : $0.message },
            descriptionError: refusal.flatMap { $0.field == "description" ? t["ops_err_webhook_description"] : nil },
            eventsError: refusal.flatMap { $0.field == "event_types" ? t["ops_err_event_types"] : nil })
    }

    struct EditFields: Decodable {
        var description: String?
        var events: [String]?
    }

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Webhooks.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "webhook")
        let form = try await request.decodeForm(as: EditFields.self, context: context)
        let secrets = self.secrets
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Webhooks(tx, caller).edit(id, description: OperationsPages.text(form.description), eventTypes: form.events ?? []) { e in
                    WebhooksPage.Shown(e, url: (try? secrets.open(e.url, for: .webhookURL)) ?? "")
                }
            }
            return .seeOther("/admin/webhooks/\(id.lowercased)?done=edited")
        } catch {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let refusal = OperationsPages.refusal(error, reader.t) else { throw error }
                return try await load(
                    tx, caller, id: id, page: 1, path: "/admin/webhooks/\(id.lowercased)", typed: form, refusal: refusal, notice: nil)
            }
            return PageResponse.render("ops-webhook", model, status: .unprocessableContent)
        }
    }

    struct ActiveFields: Decodable { var active: String? }

    func setActive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Webhooks.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "webhook")
        let form = try await request.decodeForm(as: ActiveFields.self, context: context)
        let active = form.active == "true"
        let secrets = self.secrets
        try await store.tenant(context) { tx, caller in
            _ = try await Webhooks(tx, caller).setActive(id, active) { e in
                WebhooksPage.Shown(e, url: (try? secrets.open(e.url, for: .webhookURL)) ?? "")
            }
        }
        return .seeOther("/admin/webhooks/\(id.lowercased)?done=\(active ? "activated" : "paused")")
    }

    func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Webhooks.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "webhook")
        try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).delete(id) }
        return .seeOther("/admin/webhooks?done=deleted")
    }

    func test(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try Webhooks.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "webhook")
        _ = try await store.tenant(context) { tx, caller in try await Webhooks(tx, caller).test(id) }
        return .seeOther("/admin/webhooks/\(id.lowercased)?done=tested")
    }
}
