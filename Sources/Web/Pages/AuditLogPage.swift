import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/audit`: the org's audit log for those who may read it — when (in the reader's zone), who, what, on
/// what, and the recorded change — filtered by action, actor and a span of days, read back page by page with
/// "older" (a keyset cursor, so a page does not shift as entries are written).
struct AuditLogPage: Sendable {
    let store: Store

    static let pageSize = 50

    struct Row: Sendable {
        let time: String
        let actor: String
        let action: String
        let subject: String
        let details: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let actions: [FormOption]
        let actors: [FormOption]
        let from: String
        let to: String
        let fromType: String
        let toType: String
        let fromError: String?
        let toError: String?
        let rows: [Row]
        let empty: Bool
        let older: String?
        let filtered: Bool
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the query is read, so a caller who may not read the log learns nothing from it.
        try AuditLog.requireRead(context.identity)
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        let action = value("action")
        let actor = value("actor").flatMap(UUID.init(uuidString:))
        let fromText = value("from"), toText = value("to")
        let from = fromText.flatMap(LocalDate.init(iso:)), to = toText.flatMap(LocalDate.init(iso:))
        let fromBad = fromText != nil && from == nil
        let toBad = toText != nil && (to == nil || (from != nil && to! < from!))
        let cursor = value("before").flatMap(UUID.init(uuidString:))
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let log = AuditLog(tx, caller)
            let midnight = LocalTime(hour: 0, minute: 0)!
            let page: Page<AuditEvent> =
                fromBad || toBad
                ? Page(items: [], nextCursor: nil)
                : try await log.list(
                    action: action, actorID: actor, from: from.map { Recurrence.instant($0, midnight, in: f.timeZone) },
                    until: to.map { Recurrence.instant($0.adding(days: 1), midnight, in: f.timeZone) }, before: cursor, limit: Self.pageSize)
            let names = try await MemberRepository.displayNames(tx)
            let actions = try await log.actions()
            var older: String?
            if let next = page.nextCursor {
                var parts = ["before=\(next.lowercased)"]
                if let action { parts.append("action=" + Self.escape(action)) }
                if let actor { parts.append("actor=\(actor.lowercased)") }
                if let fromText { parts.append("from=" + Self.escape(fromText)) }
                if let toText { parts.append("to=" + Self.escape(toText)) }
                older = "/admin/audit?" + parts.joined(separator: "&")
            }
            return Model(
                chrome: reader.chrome(title: t["ops_au_title"], current: "/admin", page: request.uri.description), t: t.strings,
                actions: [FormOption(value: "", label: t["ops_au_any_action"], selected: action == nil)]
                    + actions.map { FormOption(value: $0, label: $0, selected: $0 == action) },
                actors: [FormOption(value: "", label: t["ops_au_any_actor"], selected: actor == nil)]
                    + names.sorted { $0.value < $1.value }.map { FormOption(value: $0.key.lowercased, label: $0.value, selected: $0.key == actor) },
                from: fromText ?? "", to: toText ?? "",
                fromType: OperationsPages.dateInputType(fromText), toType: OperationsPages.dateInputType(toText),
                fromError: fromBad ? t["ops_err_audit_date"] : nil, toError: toBad ? t["ops_err_audit_to"] : nil,
                rows: page.items.map { e in
                    Row(
                        time: f.dateTime(e.at),
                        actor: e.actorID.flatMap { names[$0] } ?? t[e.tokenID != nil ? "ops_au_token" : "ops_au_system"],
                        action: e.action,
                        subject: e.resourceType + (e.resourceID.map { " " + String($0.lowercased.prefix(8)) } ?? ""),
                        details: Self.details(e))
                },
                empty: page.items.isEmpty, older: older, filtered: action != nil || actor != nil || from != nil || to != nil)
        }
        return PageResponse.render("ops-audit", model, status: fromBad || toBad ? .unprocessableContent : .ok)
    }

    /// The recorded change as compact text, cut short: the log keeps the whole of it, the page a glance.
    static func details(_ e: AuditEvent) -> String? {
        let parts = [e.before.map { "− " + $0 }, e.after.map { "+ " + $0 }].compactMap { $0 }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: "  ")
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}
