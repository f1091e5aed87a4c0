import Logging
import Settings
import Foundation
import API
import Credentials
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/login` and `/logout`: the sign-in form, signing in (a fresh session every time, the cookie set, the org ID
/// remembered for next time, then the page asked for) and signing out (the session revoked, the cookie cleared).
struct SignInPage: Sendable {
    let services: AppServices
    let cookie: SessionCookie

    /// The form's view model; a refused sign-in comes back with what was typed (never the password).
    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let org: String
        let email: String
        let next: String
        let error: String?
        let orgError: String?
        let emailError: String?
        let passwordError: String?
        let notice: String?
    }

    struct Form: Decodable {
        var org: String?
        var email: String?
        var password: String?
        var next: String?
    }

    func show(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        // Signed in already: straight on.
        if try await SessionMiddleware.identity(request, store: services.store, cookie: cookie, sessionIdle: sessionIdle) != nil {
            return .seeOther(SignInTarget.safe(request.uri.queryParameters["next"].map(String.init)))
        }
        let t = Catalogue(language(request))
        let notice = request.uri.queryParameters["signed_out"] != nil ? t["signed_out"] : nil
        return render(
            t, org: cookie.rememberedOrg(in: request) ?? "", email: "",
            next: request.uri.queryParameters["next"].map(String.init) ?? "", notice: notice)
    }

    func signIn(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let form = try await request.decodeForm(as: Form.self, context: context)
        let t = Catalogue(language(request))
        let org = (form.org ?? "").trimmingCharacters(in: .whitespaces)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        let password = form.password ?? ""
        let next = form.next ?? ""
        if org.isEmpty || email.isEmpty || password.isEmpty {
            return render(
                t, org: org, email: email, next: next, status: .unprocessableContent,
                orgError: org.isEmpty ? t["login_missing"] : nil, emailError: email.isEmpty ? t["login_missing"] : nil,
                passwordError: password.isEmpty ? t["login_missing"] : nil)
        }
        let passwords = services.passwords
        let signIns = SignIns(store: services.store) { try await passwords.verify($0, hash: $1) }
        let address = ClientAddress(trustedProxies: services.configuration.trustedProxies).resolve(request, context)
        let outcome: SignIns.Outcome
        do {
            outcome = try await signIns.signIn(org: org, email: email, password: password, address: address)
        } catch let problem as Problem where problem.status == .serviceUnavailable {
            return render(t, org: org, email: email, next: next, status: .serviceUnavailable, error: t["login_busy"])
        }
        switch outcome {
        case .refused:
            return render(t, org: org, email: email, next: next, status: .unauthorized, error: t["login_refused"])
        case .limited(let seconds):
            var response = render(
                t, org: org, email: email, next: next, status: .tooManyRequests,
                error: t.format("login_limited", ["seconds": String(seconds)]))
            response.headers[.retryAfter] = String(seconds)
            return response
        case .signedIn(let session):
            // The session this browser had before (if any) ends: one sign-in, one live session per cookie.
            if let old = cookie.token(in: request) { try await revoke(token: old) }
            var response = Response.seeOther(SignInTarget.safe(next))
            response.setCookie(cookie.issue(session.token))
            response.setCookie(cookie.rememberOrg(org.lowercased()))
            return response
        }
    }

    func signOut(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        if let token = cookie.token(in: request) { try await revoke(token: token) }
        var response = Response.seeOther("/login?signed_out=1")
        response.setCookie(cookie.clear())
        return response
    }

    private var sessionIdle: Double { Double(services.configuration.sessionIdle) }

    private func revoke(token: String) async throws {
        let store = services.store
        guard let found = try await store.authenticate(tokenHash: Secrets.hash(token: token), sessionIdle: sessionIdle),
            found.credential.kind == .session
        else { return }
        try await store.tenant(found.credential.orgID) { tx in
            try await CredentialRepository.revokeSession(tx, id: found.credential.id)
        }
    }

    /// Before sign-in the page speaks the browser's language, or the one picked with `?lang=`.
    private func language(_ request: Request) -> Language {
        if let picked = request.uri.queryParameters["lang"].flatMap({ Language(rawValue: String($0)) }) { return picked }
        return Language.preferred(acceptLanguage: request.headers[.acceptLanguage])
    }

    private func render(
        _ t: Catalogue, org: String, email: String, next: String, status: HTTPResponse.Status = .ok, error: String? = nil,
        orgError: String? = nil, emailError: String? = nil, passwordError: String? = nil, notice: String? = nil
    ) -> Response {
        PageResponse.render(
            "login",
            Model(
                chrome: .signedOut(t, title: t["login_title"]), t: t.strings, org: org, email: email, next: next,
                error: error, orgError: orgError, emailError: emailError, passwordError: passwordError, notice: notice),
            status: status)
    }
}
