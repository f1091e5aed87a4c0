import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/tokens`: every member's API tokens, for whoever manages all tokens (owners and admins), with the button
/// to revoke one. Secrets are never shown here: nothing keeps them.
struct AdminTokensPage: Sendable {
    let store: Store

    struct Row: Sendable {
        let member: String
        let token: TokensPage.Row
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let rows: [Row]
        let empty: Bool
        let next: String?
        let first: String?
    }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let after = request.uri.queryParameters["after"].flatMap { UUID(uuidString: String($0)) }
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            guard DirectoryAdmin.orgWide(reader, .manageAllTokens) else {
                throw DomainError(.forbidden, "only those who manage all tokens see them", permission: Permission.manageAllTokens.rawValue)
            }
            let t = reader.t
            let page = try await Tokens(tx, caller).everyone(after: after, limit: TokensPage.pageSize)
            let names = try await MemberRepository.displayNames(tx)
            let rows = page.items.map {
                Row(member: names[$0.memberID] ?? "—", token: TokensPage.row($0, reader: reader, now: caller.now, canRevoke: true))
            }
            return Model(
                chrome: reader.chrome(title: t["dir_admin_tokens_title"], current: "/admin", page: "/admin/tokens"), t: t.strings,
                notice: done == "revoked" ? t["dir_tokens_revoked"] : nil, rows: rows, empty: rows.isEmpty,
                next: page.nextCursor.map { "/admin/tokens?after=\($0.lowercased)" }, first: after == nil ? nil : "/admin/tokens")
        }
        return PageResponse.render("admin-tokens", model)
    }

    func revoke(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try DirectoryAdmin.id(context, what: "token")
        try await store.tenant(context) { tx, caller in
            try caller.identity.require(.manageAllTokens, in: .org)
            try await Tokens(tx, caller).revoke(id)
        }
        return .seeOther("/admin/tokens?done=revoked")
    }
}
