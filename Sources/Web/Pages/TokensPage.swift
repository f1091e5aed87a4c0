import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/me/tokens`: the reader's own API tokens — name, what each may do, created, last used, expiry — with a form to
/// make one (scopes as checkboxes said in plain words) and a button to revoke one. A new token's secret is shown
/// once, on the page the creating POST itself answers (201, `no-store`, the secret in no URL); it is never shown
/// again, and nothing keeps it.
struct TokensPage: Sendable {
    let store: Store

    static let pageSize = 50

    struct Row: Sendable {
        let id: String
        let name: String
        let scopes: String
        let created: String
        let lastUsed: String
        let expires: String
        let state: String?
        let canRevoke: Bool
    }

    struct Scope: Sendable {
        let value: String
        let label: String
        let hint: String
        let checked: Bool
    }

    struct Created: Sendable {
        let name: String
        let secret: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let created: Created?
        let rows: [Row]
        let empty: Bool
        let next: String?
        let first: String?
        let name: String
        let scopes: [Scope]
        let expiresOn: String
        let nameError: String?
        let scopesError: String?
        let expiresError: String?
        let formError: String?
    }

    struct Fields: Decodable {
        var name: String?
        var scopeRead: String?
        var scopeWrite: String?
        var scopeAdmin: String?
        var expiresOn: String?

        enum CodingKeys: String, CodingKey {
            case name
            case scopeRead = "scope_read"
            case scopeWrite = "scope_write"
            case scopeAdmin = "scope_admin"
            case expiresOn = "expires_on"
        }

        var scopes: [String] {
            [("read", scopeRead), ("write", scopeWrite), ("admin", scopeAdmin)].compactMap { $0.1 == nil ? nil : $0.0 }
        }
    }

    enum Outcome {
        case refused(Fields, DomainError)
        case created(Created)
    }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let after = request.uri.queryParameters["after"].flatMap { UUID(uuidString: String($0)) }
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, after: after, outcome: nil, done: done) }
        return PageResponse.render("dir-tokens", model)
    }

    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            // The token is made and the page that shows its secret rendered in one transaction: the secret goes
            // nowhere but into this one answer.
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let expires = try Self.expiry(form.expiresOn, reader: reader)
                let tokens = Tokens(tx, caller)
                let made = try await tokens.create(try tokens.check(name: form.name ?? "", scopes: form.scopes, expiresAt: expires))
                return try await load(tx, caller, after: nil, outcome: .created(Created(name: made.token.name, secret: made.secret)), done: nil)
            }
            return PageResponse.render("dir-tokens", model, status: .created)
        } catch let error as DomainError where DirectoryAdmin.answeredInPlace(error) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, after: nil, outcome: .refused(form, error), done: nil)
            }
            return PageResponse.render("dir-tokens", model, status: Problem(domain: error).status)
        }
    }

    func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "token")
        try await store.tenant(context) { tx, caller in
            // Only one's own from this page: someone else's token is as unknown here as another org's.
            guard let token = try await CredentialRepository.getToken(tx, id: id), token.memberID == caller.identity.memberID else {
                throw DomainError(.notFound, "token not found")
            }
            try await Tokens(tx, caller).revoke(id)
        }
        return .seeOther("/me/tokens?done=revoked")
    }

    /// The last day a token may be used, as typed (`YYYY-MM-DD`): it lapses when that day ends, in the reader's zone.
    static func expiry(_ raw: String?, reader: Reader) throws -> Date? {
        guard let text = DirectoryAdmin.text(raw) else { return nil }
        guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "expires_at is a date", field: "expires_at") }
        return Recurrence.instant(day.adding(days: 1), LocalTime(hour: 0, minute: 0)!, in: reader.format.timeZone)
    }

    /// A token's row, as this page and the everyone's-tokens page show it.
    static func row(_ token: APITokenRecord, reader: Reader, now: Date, canRevoke: Bool) -> Row {
        let t = reader.t, f = reader.format
        let expired = token.expiresAt.map { $0 <= now } ?? false
        return Row(
            id: token.id.lowercased, name: token.name,
            scopes: token.scopes.map { t["dir_token_scope_\($0.rawValue)"] }.joined(separator: t["dir_list_separator"]),
            created: f.date(f.day(of: token.createdAt)),
            lastUsed: token.lastUsedAt.map { f.dateTime($0) } ?? t["dir_tokens_never_used"],
            // The stored expiry is the moment after the last day: the page names the last day.
            expires: token.expiresAt.map { f.date(f.day(of: $0.addingTimeInterval(-1))) } ?? t["dir_tokens_no_expiry"],
            state: token.revokedAt != nil ? t["dir_tokens_revoked_state"] : expired ? t["dir_tokens_expired_state"] : nil,
            canRevoke: canRevoke && token.revokedAt == nil && !expired)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, after: UUID?, outcome: Outcome?, done: String?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        try DirectoryAdmin.requireAny(reader, [.manageOwnTokens])
        let t = reader.t
        let page = try await Tokens(tx, caller).mine(after: after, limit: Self.pageSize)
        var typed: Fields?, nameError: String?, scopesError: String?, expiresError: String?, formError: String?, created: Created?
        switch outcome {
        case .refused(let form, let error):
            typed = form
            let message = DirectoryAdmin.message(error, t)
            switch error.field {
            case "name": nameError = message
            case "scopes": scopesError = message
            case "expires_at": expiresError = message
            default: formError = message
            }
        case .created(let made): created = made
        case nil: break
        }
        // The admin scope only narrows a role that administers; others are not offered it.
        let offered = reader.administers ? ["read", "write", "admin"] : ["read", "write"]
        let chosen = typed?.scopes ?? ["read"]
        let rows = page.items.map { Self.row($0, reader: reader, now: caller.now, canRevoke: true) }
        return Model(
            chrome: reader.chrome(title: t["dir_tokens_title"], current: "/me", page: "/me/tokens"), t: t.strings,
            notice: done == "revoked" ? t["dir_tokens_revoked"] : nil, created: created, rows: rows, empty: rows.isEmpty,
            next: page.nextCursor.map { "/me/tokens?after=\($0.lowercased)" }, first: after == nil ? nil : "/me/tokens",
            name: typed?.name ?? "",
            scopes: offered.map {
                Scope(value: $0, label: t["dir_token_scope_\($0)"], hint: t["dir_token_scope_\($0)_hint"], checked: chosen.contains($0))
            },
            expiresOn: typed?.expiresOn ?? "", nameError: nameError, scopesError: scopesError, expiresError: expiresError,
            formError: formError)
    }
}
