import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/notifications`: the org's weekly cap on nudges per member (reminders beyond it wait for the next week;
/// escalations are never held), set or lifted by those who manage the goal settings.
struct NotificationCapPage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let current: String
        let cap: String
        let capError: String?
        let notice: String?
    }

    struct Fields: Decodable {
        var cap: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try NotificationSettings.requireManageOrg(context.identity)
        let done = request.uri.queryParameters["done"] != nil
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, typed: nil, error: false, notice: done)
        }
        return PageResponse.render("ops-notifications", model)
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Refused before the form is read, as the API does.
        try NotificationSettings.requireManageOrg(context.identity)
        let form = try await request.decodeForm(as: Fields.self, context: context)
        let text = (form.cap ?? "").trimmingCharacters(in: .whitespaces)
        let cap = Int(text)
        guard text.isEmpty || cap.map({ (1...1000).contains($0) }) == true else {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, page: "/admin/notifications", typed: form.cap ?? "", error: true, notice: false)
            }
            return PageResponse.render("ops-notifications", model, status: .unprocessableContent)
        }
        try await store.tenant(context) { tx, caller in
            _ = try await NotificationSettings(tx, caller).setWeeklyCap { _ in text.isEmpty ? nil : cap }
        }
        return .seeOther("/admin/notifications?done=saved")
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, page: String, typed: String?, error: Bool, notice: Bool) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let cap = try await NotificationSettings(tx, caller).weeklyCap()
        return Model(
            chrome: reader.chrome(title: t["ops_nc_title"], current: "/admin", page: page), t: t.strings,
            current: cap.map { t.format("ops_nc_current_cap", ["n": reader.format.number(Double($0))]) } ?? t["ops_nc_current_none"],
            cap: typed ?? cap.map(String.init) ?? "", capError: error ? t["ops_err_cap"] : nil, notice: notice ? t["ops_nc_notice_saved"] : nil)
    }
}
