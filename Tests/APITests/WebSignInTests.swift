import API
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Settings
import Testing
import Web

/// The pages' sign-in: the cookie's attributes, a fresh session at every sign-in, refusals that keep the input,
/// `next` kept on this site, sign-out, and sessions only (an API token in a cookie opens nothing).
@Suite struct WebSignInTests {
    static let password = "correct horse battery"

    @Test func theSignInPageSpeaksTheBrowsersLanguageAndCarriesTheSecurityHeaders() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, _, _, _ in
            let ja = try await client.page(.get, "/login")
            #expect(ja.status == .ok)
            #expect(ja.html.contains("<html lang=\"ja\">"))
            #expect(ja.html.contains("ログイン"))
            let en = try await client.page(.get, "/login", headers: [.acceptLanguage: "en-GB,en;q=0.9,ja;q=0.5"])
            #expect(en.html.contains("<html lang=\"en\">"))
            #expect(en.html.contains("Sign in"))
            let csp = try #require(ja.headers[.contentSecurityPolicy])
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(ja.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            #expect(ja.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(ja.headers[.cacheControl] == "no-store")
        }
    }

    @Test func signingInSetsAStrictCookieAndOpensTheHomePage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let signedIn = try await client.signIn(a.slug, "owner@alpha.example", Self.password)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("banso_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain http in tests: a Secure cookie would never come back")
            let home = try await client.page(.get, "/", cookie: signedIn.session)
            #expect(home.status == .ok)
            #expect(home.html.contains("id=\"main\""))
            #expect(home.html.contains("form id=\"logout\""))
            #expect(home.headers[.cacheControl] == "no-store")
        }
    }

    @Test func onHTTPSTheCookieIsSecureWithTheHostPrefix() async throws {
        try await withTenants(configure: { $0.publicURL = "https://banso.example" }, extensions: [WebPages.register]) {
            client, a, _, _ in
            let signedIn = try await client.signIn(a.slug, "owner@alpha.example", Self.password, origin: "https://banso.example")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-banso_session=") })
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain="))
        }
    }

    @Test func everySignInStartsAFreshSessionAndEndsTheOldOne() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let first = try await client.signIn(a.slug, "owner@alpha.example", Self.password)
            let second = try await client.signIn(a.slug, "owner@alpha.example", Self.password, cookie: first.session)
            #expect(first.session != nil && second.session != nil)
            #expect(first.session != second.session, "the id is never the one the browser came with")
            #expect(try await client.page(.get, "/", cookie: first.session).status == .seeOther, "the old session ended")
            #expect(try await client.page(.get, "/", cookie: second.session).status == .ok)
        }
    }

    @Test func aRefusedSignInKeepsWhatWasTypedButNotThePassword() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let refused = try await client.signIn(a.slug, "owner@alpha.example", "wrong password")
            #expect(refused.status == .unauthorized)
            #expect(refused.html.contains("id=\"login-error\""))
            #expect(refused.html.contains("value=\"\(a.slug)\""))
            #expect(refused.html.contains("value=\"owner@alpha.example\""))
            #expect(!refused.html.contains("wrong password"))
            #expect(refused.session == nil)
            let missing = try await client.page(.post, "/login", form: "org=\(a.slug)&email=&password=")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.html.contains("id=\"email-error\""))
            #expect(missing.html.contains("id=\"password-error\""))
            #expect(!missing.html.contains("id=\"org-error\""))
        }
    }

    @Test func afterSignInOnlyAPathOnThisSiteIsFollowed() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            for (next, expected) in [
                ("/goals/tree?period=FY2026-H2", "/goals/tree?period=FY2026-H2"), ("//evil.example/x", "/"),
                ("https://evil.example/", "/"), ("/\\evil.example", "/"), ("javascript:alert(1)", "/"),
            ] {
                let signedIn = try await client.signIn(a.slug, "owner@alpha.example", Self.password, next: next)
                #expect(signedIn.headers[.location] == expected, "next=\(next)")
            }
            let away = try await client.page(.get, "/goals/tree?period=FY2026-H2")
            #expect(away.status == .seeOther)
            #expect(away.headers[.location] == "/login?next=/goals/tree%3Fperiod%3DFY2026-H2")
        }
    }

    @Test func signingOutEndsTheSessionAndAGetChangesNothing() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let signedIn = try await client.signIn(a.slug, "owner@alpha.example", Self.password)
            // No GET changes anything: the sign-out and language routes answer only POST.
            #expect(try await client.page(.get, "/logout", cookie: signedIn.session).status != .seeOther)
            #expect(try await client.page(.get, "/me/locale?locale=en", cookie: signedIn.session).status != .seeOther)
            let home = try await client.page(.get, "/", cookie: signedIn.session)
            #expect(home.status == .ok)
            #expect(home.html.contains("<html lang=\"ja\">"))
            let out = try await client.page(.post, "/logout", cookie: signedIn.session, form: "")
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login?signed_out=1")
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("banso_session=;") && $0.contains("Max-Age=0") })
            #expect(try await client.page(.get, "/", cookie: signedIn.session).status == .seeOther)
        }
    }

    @Test func anAPITokenInTheCookieOpensNoPage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let page = try await client.page(.get, "/", cookie: a.ownerToken)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login")
        }
    }

    @Test func theLanguageSwitchChangesThePagesLanguage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let signedIn = try await client.signIn(a.slug, "owner@alpha.example", Self.password)
            let switched = try await client.page(.post, "/me/locale", cookie: signedIn.session, form: "locale=en&back=/")
            #expect(switched.status == .seeOther)
            let home = try await client.page(.get, "/", cookie: signedIn.session)
            #expect(home.html.contains("<html lang=\"en\">"))
            #expect(home.html.contains("My week"))
            let bad = try await client.page(.post, "/me/locale", cookie: signedIn.session, form: "locale=fr")
            #expect(bad.status == .unprocessableContent)
        }
    }
}

/// A page's answer as text, and the session cookie it set, if any.
struct PageAnswer {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var html: String
    var session: String? {
        headers[values: .setCookie].lazy.compactMap { cookie -> String? in
            for name in ["banso_session=", "__Host-banso_session="] where cookie.hasPrefix(name) {
                let value = cookie.dropFirst(name.count).prefix { $0 != ";" }
                return value.isEmpty ? nil : String(value)
            }
            return nil
        }.first
    }
}

extension TestClientProtocol {
    /// A browser-like request: `Sec-Fetch-Site: same-origin` on every POST, as a browser sends from our own pages.
    func page(
        _ method: HTTPRequest.Method, _ uri: String, cookie: String? = nil, form: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> PageAnswer {
        var headers = extra
        if let cookie { headers[.cookie] = "banso_session=\(cookie); __Host-banso_session=\(cookie)" }
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            if headers[HTTPField.Name("Sec-Fetch-Site")!] == nil, headers[.origin] == nil {
                headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin"
            }
            _ = form
        }
        return try await execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) {
            PageAnswer(status: $0.status, headers: $0.headers, html: String(buffer: $0.body))
        }
    }

    func signIn(
        _ org: String, _ email: String, _ password: String, next: String = "/", cookie: String? = nil, origin: String? = nil
    ) async throws -> PageAnswer {
        func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
        var headers: HTTPFields = [:]
        if let origin { headers[.origin] = origin }
        return try await page(
            .post, "/login", cookie: cookie,
            form: "org=\(escape(org))&email=\(escape(email))&password=\(escape(password))&next=\(escape(next))", headers: headers)
    }
}

/// Pages and assets go gzipped to a browser that takes it, as they are to one that does not.
@Suite struct WebCompressionTests {
    @Test func pagesAndAssetsAreGzippedWhenAccepted() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, _, _, _ in
            let plain = try await client.page(.get, "/login")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            let zipped = try await client.execute(uri: "/login", method: .get, headers: [.acceptEncoding: "gzip, deflate, br"]) {
                ($0.headers, Array($0.body.readableBytesView))
            }
            #expect(zipped.0[.contentEncoding] == "gzip")
            #expect(zipped.1.prefix(2) == [0x1f, 0x8b], "a gzip stream")
            #expect(zipped.1.count < plain.html.utf8.count)
            let refused = try await client.execute(uri: "/login", method: .get, headers: [.acceptEncoding: "gzip;q=0, identity"]) {
                $0.headers[.contentEncoding]
            }
            #expect(refused == nil)
            let stylesheet = try #require(plain.html.firstMatch(of: /href="(\/assets\/app\.[0-9a-f]+\.css)"/)?.output.1)
            let css = try await client.execute(uri: String(stylesheet), method: .get, headers: [.acceptEncoding: "gzip"]) {
                ($0.status, $0.headers)
            }
            #expect(css.0 == .ok)
            #expect(css.1[.contentEncoding] == "gzip")
            #expect(css.1[.cacheControl] == "public, max-age=31536000, immutable")
        }
    }
}
