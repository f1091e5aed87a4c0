import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/me`: the member's own profile — name, language, time zone — and their password (the current one first;
/// changing it ends their other sessions). Forms refused in place, with what was typed kept (never a password).
struct MePage: Sendable {
    let services: AppServices
    var store: Store { services.store }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let email: String
        let name: String
        let languages: [FormOption]
        let zones: [FormOption]
        let notice: String?
        let profileError: String?
        let nameError: String?
        let passwordError: String?
        let currentError: String?
        let newError: String?
    }

    /// The zones offered: where Banso's people work, and the member's own if it is another.
    static let zones = [
        "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai", "Asia/Taipei", "Asia/Singapore", "Asia/Kolkata", "Australia/Sydney",
        "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "UTC",
    ]

    enum Refused {
        case profile(name: String, error: DomainError)
        case password(DomainError)
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, refused: nil, done: done) }
        return PageResponse.render("me", model)
    }

    struct ProfileFields: Decodable {
        var name: String?
        var locale: String?
        var timeZone: String?

        enum CodingKeys: String, CodingKey {
            case name, locale
            case timeZone = "time_zone"
        }
    }

    func saveProfile(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: ProfileFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Members(tx, caller).update(
                    caller.identity.memberID,
                    .init(displayName: form.name ?? "", locale: form.locale, timeZone: form.timeZone, active: nil),
                    expectedVersion: nil)
            }
            return .seeOther("/me?done=profile")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return try await refusedPage(context, .profile(name: form.name ?? "", error: error))
        }
    }

    struct PasswordFields: Decodable {
        var current: String?
        var new: String?
        var confirm: String?
    }

    func changePassword(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: PasswordFields.self, context: context)
        let passwords = services.passwords
        let changes = PasswordChanges(
            store: store, verify: { try await passwords.verify($0, hash: $1) }, hash: { try await passwords.hash($0) })
        do {
            guard form.new == form.confirm else { throw DomainError(.invalid, "form_password_confirm", field: "new_password") }
            let caller = Caller(identity: context.identity, requestID: context.requestID, now: store.now)
            try await changes.change(caller, current: form.current ?? "", new: form.new ?? "")
            return .seeOther("/me?done=password")
        } catch let error as DomainError {
            return try await refusedPage(context, .password(error))
        }
    }

    private func refusedPage(_ context: AuthenticatedContext, _ refused: Refused) async throws -> Response {
        let status: DomainError =
            switch refused {
            case .profile(_, let error), .password(let error): error
            }
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, refused: refused, done: nil) }
        return PageResponse.render("me", model, status: Problem(domain: status).status)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, refused: Refused?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t
        let member = reader.profile.member
        func local(_ e: DomainError) -> String { t.explain(e) }
        var name = member.displayName
        var profileError: String?, nameError: String?, passwordError: String?, currentError: String?, newError: String?
        switch refused {
        case .profile(let typed, let error):
            name = typed
            if error.field == "display_name" { nameError = local(error) } else { profileError = local(error) }
        case .password(let error):
            switch error.field {
            case "current_password": currentError = local(error)
            case "new_password": newError = local(error)
            default: passwordError = local(error)
            }
        case nil: break
        }
        let zone = member.timeZone ?? reader.profile.org.timeZone
        let zones = Self.zones.contains(zone) ? Self.zones : [zone] + Self.zones
        let locale = member.locale ?? reader.profile.org.locale
        let notices = ["profile": "notice_profile", "password": "notice_password"]
        return Model(
            chrome: reader.chrome(title: t["me_title"], current: "/me", page: "/me"), t: t.strings, email: member.email,
            name: name,
            languages: Organization.Locale.allCases.map { FormOption(value: $0.rawValue, label: t["language_\($0.rawValue)"], selected: $0 == locale) },
            zones: zones.map { FormOption(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == zone) },
            notice: done.flatMap { notices[$0] }.map { t[$0] }, profileError: profileError, nameError: nameError,
            passwordError: passwordError, currentError: currentError, newError: newError)
    }
}
