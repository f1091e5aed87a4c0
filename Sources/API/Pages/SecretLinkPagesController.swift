import Domain
import Foundation
import HTTPTypes
import Hummingbird
import UseCases

/// `GET/POST /invitations/accept` and `GET/POST /password-reset`: where the links in mail lead (see
/// ``SecretLinkPage``). Public; the POSTs do exactly what the JSON routes do, through the same functions.
struct SecretLinkPagesController: RouteCollection {
    let invitations: InvitationAcceptanceController
    let resets: PasswordResetController

    static let invitationPath = "/invitations/accept"
    static let resetPath = "/password-reset"

    struct Form: Decodable {
        var token: String?
        var password: String?
        var displayName: String?

        enum CodingKeys: String, CodingKey {
            case token, password
            case displayName = "display_name"
        }
    }

    var routes: [Route<AppRequestContext>] {
        let tag = "pages"
        let token = [Schema.query("token", Schema.string, "the link's token")]
        let submitted: [Int: (String, JSONValue?)] = [
            200: ("HTML page", nil), 403: ("HTML page: not from this site", nil), 410: ("HTML page", nil),
            422: ("HTML page with the form again", nil),
        ]
        return [
            Route(.get, Self.invitationPath, id: "invitationPage",
                  summary: "The invitation link's page: a form to choose a password (changes nothing)", tag: tag, parameters: token,
                  responses: [200: ("HTML page", nil), 410: ("HTML page: the link is no longer valid", nil)], handler: invitationPage),
            Route(.post, Self.invitationPath, id: "invitationPageSubmit", summary: "Accept the invitation from its page (form-encoded)",
                  tag: tag, responses: submitted, handler: invitationPageSubmit),
            // Links mailed before these pages existed pointed at the JSON routes: opening one leads to its page.
            Route(.get, InvitationAcceptanceController.path, id: "invitationLinkBeforePages",
                  summary: "An invitation link mailed before the pages existed: 303 to its page", tag: tag, parameters: token,
                  responses: [303: ("To /invitations/accept", nil)], handler: { request, _ in Self.redirect(to: Self.invitationPath, request) }),
            Route(.get, PasswordResetController.redeemPath, id: "resetLinkBeforePages",
                  summary: "A reset link mailed before the pages existed: 303 to its page", tag: tag, parameters: token,
                  responses: [303: ("To /password-reset", nil)], handler: { request, _ in Self.redirect(to: Self.resetPath, request) }),
            Route(.get, Self.resetPath, id: "resetPage",
                  summary: "The reset link's page: a form to set a new password (changes nothing)", tag: tag, parameters: token,
                  responses: [200: ("HTML page", nil), 410: ("HTML page: the link is no longer valid", nil)], handler: resetPage),
            Route(.post, Self.resetPath, id: "resetPageSubmit", summary: "Set the new password from the reset page (form-encoded)",
                  tag: tag, responses: submitted, handler: resetPageSubmit),
        ]
    }

    @Sendable func invitationPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        guard let about = try await invitations.describe(token: token) else { return Self.gone(.invitation, .ja) }
        return Self.invitationForm(about, token, nil).response()
    }

    @Sendable func invitationPageSubmit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await submit(
            request, context, kind: .invitation, describe: invitations.describe(token:), locale: \.locale,
            redeem: { token, form in
                _ = try await invitations.accept(
                    token: token, password: form.password ?? "", displayName: form.displayName, requestID: context.requestID)
            },
            form: Self.invitationForm,
            done: { about in
                let ja = about.locale == .ja
                return SecretLinkPage(
                    kind: .invitation, locale: about.locale, title: ja ? "ようこそ" : "Welcome",
                    lines: [ja ? "\(about.orgName) のアカウントができました。\(about.email) と設定したパスワードでサインインしてください。"
                               : "Your account at \(about.orgName) is ready. Sign in with \(about.email) and the password you chose."],
                    form: nil)
            })
    }

    @Sendable func resetPage(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        guard let about = try await resets.describe(token: token) else { return Self.gone(.reset, .ja) }
        return Self.resetForm(about, token, nil).response()
    }

    @Sendable func resetPageSubmit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try await submit(
            request, context, kind: .reset, describe: resets.describe(token:), locale: \.locale,
            redeem: { token, form in try await resets.redeem(token: token, password: form.password ?? "", requestID: context.requestID) },
            form: Self.resetForm,
            done: { about in
                let ja = about.locale == .ja
                return SecretLinkPage(
                    kind: .reset, locale: about.locale, title: ja ? "パスワードを設定しました" : "Your password is set",
                    lines: [ja ? "新しいパスワードでサインインしてください。ほかの端末のサインインは終了しました。"
                               : "Sign in with your new password. Your other sessions have ended."],
                    form: nil)
            })
    }

    /// A page's POST: same origin, a live token, then what the token does — the form again with why when the input
    /// is refused, the "no longer works" page when the token was spent meanwhile.
    private func submit<About>(
        _ request: Request, _ context: AppRequestContext, kind: SecretLinkPage.Kind, describe: (String) async throws -> About?,
        locale: (About) -> Organization.Locale, redeem: (String, Form) async throws -> Void,
        form page: (About, String, String?) -> SecretLinkPage, done: (About) -> SecretLinkPage
    ) async throws -> Response {
        let form = try await Self.form(request, context)
        guard Self.sameOrigin(request) else { return Self.crossSite(.ja) }
        let token = form.token ?? ""
        guard let about = try await describe(token) else { return Self.gone(kind, .ja) }
        do {
            try await redeem(token, form)
        } catch let error as DomainError where error.code == .invalid {
            return page(about, token, Self.reason(error, locale(about))).response(status: .unprocessableContent)
        } catch is Invitations.LinkInvalid {
            return Self.gone(kind, locale(about))
        } catch is PasswordResets.LinkInvalid {
            return Self.gone(kind, locale(about))
        }
        return done(about).response()
    }

    static func invitationForm(_ about: Invitations.About, _ token: String, _ error: String?) -> SecretLinkPage {
        let ja = about.locale == .ja
        return SecretLinkPage(
            kind: .invitation, locale: about.locale, title: ja ? "\(about.orgName) への招待" : "Invitation to \(about.orgName)",
            lines: [ja ? "\(about.email) として参加します。パスワードを決めてください。" : "You join as \(about.email). Choose a password."],
            form: (token, true), error: error)
    }

    static func resetForm(_ about: PasswordResets.About, _ token: String, _ error: String?) -> SecretLinkPage {
        let ja = about.locale == .ja
        return SecretLinkPage(
            kind: .reset, locale: about.locale, title: ja ? "パスワードの再設定" : "Reset your password",
            lines: [ja ? "\(about.orgName) のパスワードを新しくします。" : "Choose a new password for \(about.orgName)."],
            form: (token, false), error: error)
    }

    /// Why the form was refused, in the page's language (the domain's messages are English).
    static func reason(_ error: DomainError, _ locale: Organization.Locale) -> String {
        let ja = locale == .ja
        switch error.field {
        case "password": return ja ? "パスワードは 10 文字以上、72 バイト以内にしてください。" : "The password needs 10 characters or more, and at most 72 bytes."
        case "display_name": return ja ? "表示名は 1〜200 文字で入力してください。" : "The display name needs 1 to 200 characters."
        default: return error.message
        }
    }

    /// An unknown, used, revoked or expired link: the same page for each, in both languages (whose link it was is
    /// not known).
    static func gone(_ kind: SecretLinkPage.Kind, _ locale: Organization.Locale) -> Response {
        SecretLinkPage(
            kind: kind, locale: locale, title: "このリンクは使えません / This link no longer works",
            lines: [kind == .invitation
                    ? "招待リンクが不明、使用済み、取り消し済み、または期限切れです。招待した方に再送を依頼してください。 / The invitation link is unknown, used, revoked or expired; ask for a new invitation."
                    : "再設定リンクが不明、使用済み、または期限切れです。もう一度再設定を依頼してください。 / The reset link is unknown, used or expired; ask for a new one."],
            form: nil
        ).response(status: .gone)
    }

    static func crossSite(_ locale: Organization.Locale) -> Response {
        SecretLinkPage(
            kind: .invitation, locale: locale, title: "送信できません / Not sent",
            lines: ["このフォームは Banso のページからのみ送信できます。 / This form can only be sent from Banso's own page."],
            form: nil
        ).response(status: .forbidden)
    }

    static func redirect(to path: String, _ request: Request) -> Response {
        let token = request.uri.queryParameters.get("token") ?? ""
        let query = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
        return Response(
            status: .seeOther,
            headers: [.location: "\(path)?token=\(query)", HTTPField.Name("Referrer-Policy")!: "no-referrer", .cacheControl: "no-store"])
    }

    /// Fetch Metadata where the browser sends it, else `Origin` against `Host`: a form on another site cannot post here.
    static func sameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
            return site == "same-origin" || site == "none"
        }
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return true }
        guard let host = request.head.authority else { return false }
        return URLComponents(string: origin).map { components in
            let port = components.port.map { ":\($0)" } ?? ""
            return (components.host ?? "") + port == host
        } ?? false
    }

    static func form(_ request: Request, _ context: AppRequestContext) async throws -> Form {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        if text.contains("%00") { throw NULCharacter.problem(field: "form") }
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form could not be read")
        }
    }
}
