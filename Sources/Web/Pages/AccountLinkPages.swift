import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Scheduler
import Settings
import Store
import UseCases

/// The pages a person reaches before they can sign in: asking for a password reset (`/forgot-password`), and the
/// links mail brings — accepting an invitation (`/invitations/accept`) and setting a new password
/// (`/password-reset`). Opening a link (GET) changes nothing, so a mail scanner that follows links does not use up an
/// invitation; the token is redeemed by the page's POST. The token is in the URL, so these pages send no referrer.
struct AccountLinkPages: Sendable {
    let services: AppServices
    let cookie: SessionCookie

    var store: Store { services.store }

    /// The view model of a link page: what it says, and the form when there is one to fill.
    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let lines: [String]
        let error: String?
        let form: Form?
        let signInLink: Bool
    }

    struct Form: Sendable {
        let action: String
        let token: String
        let askName: Bool
        let displayName: String
        let submit: String
        let passwordError: String?
        let nameError: String?
    }

    struct LinkFields: Decodable {
        var token: String?
        var password: String?
        var displayName: String?

        enum CodingKeys: String, CodingKey {
            case token, password
            case displayName = "display_name"
        }
    }

    // MARK: - Invitations

    func invitation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard let about = try await Invitations.describe(store, tokenHash: Secrets.hash(token: token)) else {
            return gone(request, invitation: true)
        }
        let t = Catalogue(language(request, org: about.locale))
        return invitationForm(request, t, about, token: token, typedName: "", error: nil)
    }

    func acceptInvitation(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeForm(as: LinkFields.self, context: context)
        let token = form.token ?? ""
        guard let about = try await Invitations.describe(store, tokenHash: Secrets.hash(token: token)) else {
            return gone(request, invitation: true)
        }
        let t = Catalogue(language(request, org: about.locale))
        let session = Secrets.newToken()
        do {
            let passwords = services.passwords
            _ = try await Invitations.accept(
                store, tokenHash: Secrets.hash(token: token), password: form.password ?? "", displayName: form.displayName,
                hashPassword: { try await passwords.hash($0) }, session: (Secrets.hash(token: session), SignIns.sessionLifetime),
                requestID: context.requestID)
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            return invitationForm(request, t, about, token: token, typedName: form.displayName ?? "", error: error)
                .with(status: .unprocessableContent)
        } catch is Invitations.LinkInvalid {
            return gone(request, invitation: true)
        }
        // Accepting is signing in: the new member lands on their week, with the org ID remembered for next time.
        var response = Response.seeOther("/?welcome=1")
        response.setCookie(cookie.issue(session))
        return response
    }

    private func invitationForm(
        _ request: Request, _ t: Catalogue, _ about: Invitations.About, token: String, typedName: String, error: DomainError?
    ) -> Response {
        render(
            request, t,
            Model(
                chrome: chrome(request, t, title: t.format("link_invitation_title", ["org": about.orgName])), t: t.strings,
                title: t.format("link_invitation_title", ["org": about.orgName]),
                lines: [t.format("link_invitation_lead", ["email": about.email])], error: nil,
                form: Form(
                    action: Invitations.pagePath, token: token, askName: true, displayName: typedName, submit: t["link_invitation_submit"],
                    passwordError: error.flatMap { $0.field == "password" ? t["link_password_rule"] : nil },
                    nameError: error.flatMap { $0.field == "display_name" ? t["link_name_rule"] : nil }),
                signInLink: false))
    }

    // MARK: - Password reset

    func reset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        guard let about = try await PasswordResets.describe(store, tokenHash: Secrets.hash(token: token)) else {
            return gone(request, invitation: false)
        }
        let t = Catalogue(language(request, org: about.locale))
        return resetForm(request, t, about, token: token, error: nil)
    }

    func setPassword(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeForm(as: LinkFields.self, context: context)
        let token = form.token ?? ""
        guard let about = try await PasswordResets.describe(store, tokenHash: Secrets.hash(token: token)) else {
            return gone(request, invitation: false)
        }
        let t = Catalogue(language(request, org: about.locale))
        do {
            let passwords = services.passwords
            try await PasswordResets.redeem(
                store, tokenHash: Secrets.hash(token: token), password: form.password ?? "", hashPassword: { try await passwords.hash($0) },
                requestID: context.requestID)
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            return resetForm(request, t, about, token: token, error: error).with(status: .unprocessableContent)
        } catch is PasswordResets.LinkInvalid {
            return gone(request, invitation: false)
        }
        return render(
            request, t,
            Model(
                chrome: chrome(request, t, title: t["link_reset_done_title"]), t: t.strings, title: t["link_reset_done_title"],
                lines: [t["link_reset_done_lead"]], error: nil, form: nil, signInLink: true))
    }

    private func resetForm(_ request: Request, _ t: Catalogue, _ about: PasswordResets.About, token: String, error: DomainError?) -> Response {
        render(
            request, t,
            Model(
                chrome: chrome(request, t, title: t["link_reset_title"]), t: t.strings, title: t["link_reset_title"],
                lines: [t.format("link_reset_lead", ["org": about.orgName])], error: nil,
                form: Form(
                    action: PasswordResetRequests.pagePath, token: token, askName: false, displayName: "", submit: t["link_reset_submit"],
                    passwordError: error.map { _ in t["link_password_rule"] }, nameError: nil),
                signInLink: false))
    }

    // MARK: - Forgot password

    struct ForgotModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let org: String
        let email: String
        let sent: Bool
        let error: String?
        let orgError: String?
        let emailError: String?
    }

    struct ForgotFields: Decodable {
        var org: String?
        var email: String?
    }

    func forgot(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let t = Catalogue(language(request, org: nil))
        let sent = request.uri.queryParameters["sent"] != nil
        return forgotPage(request, t, org: cookie.rememberedOrg(in: request) ?? "", email: "", sent: sent)
    }

    /// The answer never says whether the address belongs to someone (an anonymous caller must not learn who works
    /// where); the request goes to a job either way, so it also takes the same time.
    func requestReset(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeForm(as: ForgotFields.self, context: context)
        let t = Catalogue(language(request, org: nil))
        let org = (form.org ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        let validEmail = try? TenancyRules.email(email)
        if org.isEmpty || validEmail == nil {
            return forgotPage(
                request, t, org: org, email: email, sent: false,
                orgError: org.isEmpty ? t["login_missing"] : nil,
                emailError: email.isEmpty ? t["login_missing"] : (validEmail == nil ? t["link_email_invalid"] : nil)
            ).with(status: .unprocessableContent)
        }
        let address = ClientAddress(trustedProxies: services.configuration.trustedProxies).resolve(request, context)
        let accepted = try await PasswordResetRequests.ask(store, org: org, email: validEmail ?? email, clientAddress: address)
        guard accepted else {
            var response = forgotPage(request, t, org: org, email: email, sent: false, error: t["link_forgot_limited"])
                .with(status: .tooManyRequests)
            response.headers[.retryAfter] = "3600"
            return response
        }
        return .seeOther("/forgot-password?sent=1")
    }

    private func forgotPage(
        _ request: Request, _ t: Catalogue, org: String, email: String, sent: Bool, error: String? = nil, orgError: String? = nil,
        emailError: String? = nil
    ) -> Response {
        PageResponse.render(
            "forgot-password",
            ForgotModel(
                chrome: .signedOut(t, title: t["link_forgot_title"]), t: t.strings, org: org, email: email, sent: sent, error: error,
                orgError: orgError, emailError: emailError))
    }

    // MARK: - Shared

    /// An unknown, used, revoked or expired link: the same page for each (whose link it was is not known).
    private func gone(_ request: Request, invitation: Bool) -> Response {
        let t = Catalogue(language(request, org: nil))
        let title = t["link_gone_title"]
        return render(
            request, t,
            Model(
                chrome: chrome(request, t, title: title), t: t.strings, title: title,
                lines: [t[invitation ? "link_gone_invitation" : "link_gone_reset"]], error: nil, form: nil, signInLink: true)
        ).with(status: .gone)
    }

    /// The page's language: the one picked with `?lang=`, else the organisation's, else the browser's.
    private func language(_ request: Request, org: Organization.Locale?) -> Language {
        if let picked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return picked }
        if let org { return Language(org) }
        return Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// The language links keep the token, so switching language does not lose the page.
    private func chrome(_ request: Request, _ t: Catalogue, title: String) -> Chrome {
        var chrome = Chrome.signedOut(t, title: title)
        if let token = request.uri.queryParameters["token"].map(String.init), !token.isEmpty {
            let kept = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
            chrome.languageQuery = "?token=\(kept)&"
        }
        return chrome
    }

    private func render(_ request: Request, _ t: Catalogue, _ model: Model) -> Response {
        var response = PageResponse.render("account-link", model)
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }
}

extension Response {
    /// The same response with another status: a page rendered once, answered as a refusal.
    func with(status: HTTPResponse.Status) -> Response {
        var response = self
        response.status = status
        return response
    }
}
