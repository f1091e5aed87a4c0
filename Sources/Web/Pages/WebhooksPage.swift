import API
import Credentials
import Crypto
import Domain
import Foundation
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/admin/webhooks`: the org's outbound webhook endpoints (owners and admins) with the state of each one's last
/// delivery, and the form to subscribe a new one. The URL passes the API's egress check; the signing secret is
/// shown once, in the answer to the POST itself (a redirect would have to carry it in a URL or a cookie).
struct WebhooksPage: Sendable {
    let store: Store
    let egress: EgressPolicy
    let secrets: SecretBox

    struct Row: Sendable {
        let href: String
        let url: String
        let description: String?
        let events: String
        let state: String
        let stateClass: String
        let lastDelivery: String
        let lastDeliveryClass: String
    }

    struct EventChoice: Sendable {
        let value: String
        let label: String
        let id: String
        let checked: Bool
    }

    struct Form: Sendable {
        let url: String
        let description: String
        let events: [EventChoice]
        let formats: [FormOption]
        let locales: [FormOption]
        let error: String?
        let urlError: String?
        let eventsError: String?
    }

    struct Created: Sendable {
        let url: String
        let secret: String
        let href: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let rows: [Row]
        let empty: Bool
        let form: Form
        let created: Created?
        let notice: String?
    }

    struct Fields: Decodable {
        var url: String?
        var description: String?
        var events: [String]?
        var format: String?
        var locale: String?
    }

    static let notices = ["deleted": "ops_wh_notice_deleted"]

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, typed: nil, refusal: nil, created: nil, notice: notice)
        }
        return PageResponse.render("ops-webhooks", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the URL is looked at, as the API does: no verdict on a URL, no DNS look-up, for a caller
        // who may not manage webhooks.
        try Webhooks.requireManage(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let url = try WebhookEndpoint.validateURL((form.url ?? "").trimmingCharacters(in: .whitespaces))
            let events = form.events ?? []
            guard !events.isEmpty, events.allSatisfy(WebhookEndpoint.eventTypes.contains) else {
                throw DomainError(.missing, "choose the events", field: "event_types")
            }
            let format = WebhookEndpoint.Format(rawValue: form.format ?? "json") ?? .json
            let locale = Organization.Locale(rawValue: form.locale ?? "ja") ?? .ja
            // Last, as it may wait for DNS; before the transaction, so no connection waits with it.
            do {
                let target = try WebhookTarget(url: url, policy: egress)
                _ = try await EgressResolver.resolve(host: target.host, policy: egress)
            } catch {
                throw RefusedEgress(field: "url", refused: error)
            }
            let secret = Self.newSecret()
            let new = Webhooks.NewEndpoint(
                sealedURL: try secrets.seal(url, for: .webhookURL), sealedSecret: try secrets.seal(secret, for: .webhookSecret),
                description: OperationsPages.text(form.description), eventTypes: events, format: format, locale: locale)
            let model = try await store.tenant(context) { tx, caller in
                let endpoint = try await Webhooks(tx, caller).create(new) { Shown($0, url: url) }
                return try await load(
                    tx, caller, page: "/admin/webhooks", typed: nil, refusal: nil,
                    created: Created(url: url, secret: secret, href: "/admin/webhooks/\(endpoint.id.lowercased)"), notice: nil)
            }
            return PageResponse.render("ops-webhooks", model)
        } catch {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                guard let refusal = OperationsPages.refusal(error, reader.t) else { throw error }
                return try await load(tx, caller, page: "/admin/webhooks", typed: form, refusal: refusal, created: nil, notice: nil)
            }
            return PageResponse.render("ops-webhooks", model, status: .unprocessableContent)
        }
    }

    /// What the audit entry records of a new endpoint: as the API shows it after its creation, URL masked, no secret.
    struct Shown: Encodable {
        let id: UUID
        let url: String
        let description: String?
        let eventTypes: [String]
        let format: String
        let active: Bool

        init(_ e: WebhookEndpoint, url: String) {
            (id, self.url, description, eventTypes, format, active) =
                (e.id, WebhookEndpoint.masked(url), e.description, e.eventTypes, e.format.rawValue, e.active)
        }
    }

    static func newSecret() -> String {
        "whsec_" + Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, typed: Fields?, refusal: (field: String, message: String)?,
        created: Created?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let endpoints = try await Webhooks(tx, caller).list()
        var rows: [Row] = []
        for endpoint in endpoints {
            let last = try await WebhookRepository.deliveries(tx, endpoint: endpoint.id, limit: 1).first
            let url = (try? secrets.open(endpoint.url, for: .webhookURL)).map(WebhookEndpoint.masked) ?? "…"
            let (state, stateClass) = Self.state(endpoint, t)
            rows.append(
                Row(
                    href: "/admin/webhooks/\(endpoint.id.lowercased)", url: url, description: endpoint.description,
                    events: endpoint.eventTypes.map { Self.eventLabel($0, t) }.joined(separator: "、"), state: state,
                    stateClass: stateClass,
                    lastDelivery: last.map {
                        t.format(
                            $0.succeeded ? "ops_wh_last_ok" : "ops_wh_last_failed",
                            ["time": reader.format.dateTime($0.at), "status": $0.statusCode.map(String.init) ?? "–"])
                    } ?? t["ops_wh_last_none"],
                    lastDeliveryClass: last.map { $0.succeeded ? "ok" : "failed" } ?? "none"))
        }
        let chosen = Set(typed?.events ?? [])
        let events = Self.choices(chosen, t)
        let format = typed?.format ?? "json"
        let locale = typed?.locale ?? reader.t.language.rawValue
        let form = Form(
            url: typed?.url ?? "", description: typed?.description ?? "", events: events,
            formats: WebhookEndpoint.Format.allCases.map { FormOption(value: $0.rawValue, label: t["ops_wh_format_\($0.rawValue)"], selected: $0.rawValue == format) },
            locales: Organization.Locale.allCases.map { FormOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], selected: $0.rawValue == locale) },
            error: refusal.flatMap { ["url", "event_types"].contains($0.field) ? nil : $0.message },
            urlError: refusal.flatMap { $0.field == "url" ? $0.message : nil },
            eventsError: refusal.flatMap { $0.field == "event_types" ? $0.message : nil })
        return Model(
            chrome: reader.chrome(title: t["ops_wh_title"], current: "/admin", page: page), t: t.strings, rows: rows, empty: rows.isEmpty,
            form: form, created: created, notice: notice.map { t[$0] })
    }

    /// Every event type as a checkbox, those in `chosen` ticked.
    static func choices(_ chosen: Set<String>, _ t: Catalogue) -> [EventChoice] {
        WebhookEndpoint.eventTypes.sorted().map {
            EventChoice(
                value: $0, label: eventLabel($0, t),
                id: "event-" + $0.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "*", with: "all"), checked: chosen.contains($0))
        }
    }

    /// Paused by hand, or switched off by the deliveries' failures (the repository records which).
    static func state(_ endpoint: WebhookEndpoint, _ t: Catalogue) -> (String, String) {
        if endpoint.active { return (t["ops_wh_state_active"], "active") }
        if endpoint.disabledReason == nil || endpoint.disabledReason == "disabled by an administrator" {
            return (t["ops_wh_state_paused"], "paused")
        }
        return (t["ops_wh_state_disabled"], "disabled")
    }

    static func eventLabel(_ type: String, _ t: Catalogue) -> String {
        t.strings["ops_wh_event_" + type.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "*", with: "all")] ?? type
    }
}
