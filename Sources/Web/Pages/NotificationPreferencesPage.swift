import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/me/preferences`: how notifications reach the member — which kinds they want (escalations always arrive, so they
/// are not offered), whether they also come by e-mail, quiet hours, and a daily digest instead of one by one. Times
/// are read in the member's own time zone, which the page names.
struct NotificationPreferencesPage: Sendable {
    let store: Store

    struct Kind: Sendable {
        let value: String
        let id: String
        let label: String
        let hint: String
        let checked: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let kinds: [Kind]
        let email: Bool
        let digest: Bool
        let digestAt: String
        let quietStart: String
        let quietEnd: String
        let zoneNote: String
        let capNote: String?
        let notice: String?
        let error: String?
        let kindsError: String?
        let digestAtError: String?
        let quietStartError: String?
        let quietEndError: String?
    }

    struct Fields: Decodable {
        var notify: [String]?
        var email: String?
        var digest: String?
        var digestAt: String?
        var quietStart: String?
        var quietEnd: String?

        enum CodingKeys: String, CodingKey {
            case notify, email, digest
            case digestAt = "digest_at"
            case quietStart = "quiet_start"
            case quietEnd = "quiet_end"
        }
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let saved = request.uri.queryParameters["done"] == "saved"
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, typed: nil, refused: nil, saved: saved) }
        return PageResponse.render("org-preferences", model)
    }

    /// `POST /me/preferences`: the whole form replaces the preferences (an unticked box is a kind muted).
    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await NotificationSettings(tx, caller).update { try Self.apply(form, to: $0) }
            }
            return .seeOther("/me/preferences?done=saved")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, typed: form, refused: error, saved: false) }
            return PageResponse.render("org-preferences", model, status: Problem(domain: error).status)
        }
    }

    /// The preferences the form asks for, or the first field that is wrong.
    static func apply(_ form: Fields, to current: NotificationPreferences) throws -> NotificationPreferences {
        var p = current
        var wanted: Set<NotificationMessage.Kind> = []
        for name in form.notify ?? [] {
            guard let kind = NotificationMessage.Kind(rawValue: name), NotificationSettings.mutableKinds.contains(kind) else {
                throw DomainError(.invalid, "org_error_kind", field: "notify")
            }
            wanted.insert(kind)
        }
        p.mutedKinds = Set(NotificationSettings.mutableKinds).subtracting(wanted)
        p.email = form.email == "1"
        p.digest = form.digest == "1"
        if let text = GoalPage.text(form.digestAt) {
            guard let time = Self.time(text) else { throw DomainError(.invalid, "org_error_time", field: "digest_at") }
            p.digestAt = time
        }
        switch (GoalPage.text(form.quietStart), GoalPage.text(form.quietEnd)) {
        case (nil, nil): p.quietHours = nil
        case (nil, _): throw DomainError(.missing, "org_error_quiet_both", field: "quiet_start")
        case (_, nil): throw DomainError(.missing, "org_error_quiet_both", field: "quiet_end")
        case (let start?, let end?):
            guard let from = Self.time(start) else { throw DomainError(.invalid, "org_error_time", field: "quiet_start") }
            guard let until = Self.time(end) else { throw DomainError(.invalid, "org_error_time", field: "quiet_end") }
            guard let quiet = QuietHours(start: from, end: until) else { throw DomainError(.invalid, "org_error_quiet_same", field: "quiet_end") }
            p.quietHours = quiet
        }
        return p
    }

    /// `HH:MM`, or the `HH:MM:SS` a browser's time field may send.
    static func time(_ text: String) -> LocalTime? {
        if text.count == 8, text.hasSuffix(":00") { return LocalTime(String(text.prefix(5))) }
        return LocalTime(text)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, typed: Fields?, refused: DomainError?, saved: Bool) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let settings = try await NotificationSettings(tx, caller).preferences()
        let p = settings.preferences
        func local(_ e: DomainError) -> String { t.explain(e) }
        func at(_ field: String) -> String? { refused.flatMap { $0.field == field ? local($0) : nil } }
        let wanted = typed.map { Set($0.notify ?? []) }
        let kinds = NotificationSettings.mutableKinds.map { kind -> Kind in
            let key = kind.rawValue.replacingOccurrences(of: ".", with: "_")
            return Kind(
                value: kind.rawValue, id: "notify-" + key.replacingOccurrences(of: "_", with: "-"), label: t["org_kind_\(key)"],
                hint: t["org_kind_\(key)_hint"], checked: wanted.map { $0.contains(kind.rawValue) } ?? !p.mutedKinds.contains(kind))
        }
        let known = ["notify", "digest_at", "quiet_start", "quiet_end"]
        return Model(
            chrome: reader.chrome(title: t["org_prefs_title"], current: "/me", page: "/me/preferences"), t: t.strings, kinds: kinds,
            email: typed.map { $0.email == "1" } ?? p.email, digest: typed.map { $0.digest == "1" } ?? p.digest,
            digestAt: typed?.digestAt ?? p.digestAt.description,
            quietStart: typed.map { $0.quietStart ?? "" } ?? p.quietHours?.start.description ?? "",
            quietEnd: typed.map { $0.quietEnd ?? "" } ?? p.quietHours?.end.description ?? "",
            zoneNote: t.format("org_prefs_zone", ["zone": settings.zone.identifier.replacingOccurrences(of: "_", with: " ")]),
            capNote: settings.weeklyCap.map { t.format("org_prefs_cap", ["count": reader.format.number(Double($0))]) },
            notice: saved ? t["org_notice_prefs_saved"] : nil,
            error: refused.flatMap { known.contains($0.field ?? "") ? nil : local($0) },
            kindsError: at("notify"), digestAtError: at("digest_at"), quietStartError: at("quiet_start"), quietEndError: at("quiet_end"))
    }
}
