import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing
import Web

/// The links in invitation and reset mail open a page; opening it (GET) changes nothing — a mail scanner that
/// follows links does not use up the invitation — and the token is redeemed only by the page's POST.
@Suite struct SecretLinkPageTests {
    static func page(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, form: String? = nil,
                     headers extra: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        var headers = extra
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: form.map { ByteBuffer(string: $0) }) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }

    static func formValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func anInvitationLinkOpensAPageAndOnlyItsFormAccepts() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let invited = try await InvitationTests.invite(client, token: a.ownerToken, email: "page.user@alpha.example", team: a.smbTeam, role: "csm")
            let token = try #require(invited.body["token"] as? String)
            let link = try #require(invited.body["link"] as? String)
            #expect(link == "/invitations/accept?token=\(token)")
            for _ in 0..<2 {
                let opened = try await Self.page(client, .get, link)
                #expect(opened.status == .ok)
                #expect(opened.headers[.contentType] == "text/html; charset=utf-8")
                #expect(opened.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "the token is in the URL")
                #expect(opened.headers[.contentSecurityPolicy]?.contains("script-src 'self';") == true)
                #expect(opened.headers[.cacheControl] == "no-store")
                #expect(opened.html.contains("<form id=\"link-form\" method=\"post\" action=\"/invitations/accept\""))
                #expect(opened.html.contains("page.user@alpha.example"))
                #expect(opened.html.contains("lang=\"ja\"") && opened.html.contains("参加する"), "in the org's language")
                #expect(!opened.html.contains("<script>"), "no inline script")
                #expect(opened.html.contains("href=\"?token=\(token)&amp;lang=en\""), "switching language keeps the link")
            }
            let pending = try await client.call(.get, "/v1/invitations", token: a.ownerToken).body.items
            #expect(pending.contains { $0["email"] as? String == "page.user@alpha.example" }, "opening the link used up nothing")

            let short = try await Self.page(client, .post, "/invitations/accept", form: "token=\(Self.formValue(token))&password=short")
            #expect(short.status == .unprocessableContent)
            #expect(short.html.contains("role=\"alert\"") && short.html.contains("<form"), "the form again, with why")
            #expect(short.html.contains("パスワードは 10 文字以上"), "why, in the page's language")
            let crossSite = try await Self.page(
                client, .post, "/invitations/accept", form: "token=\(Self.formValue(token))&password=a+long+page+password",
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden, "a form on another site cannot post here")
            let accepted = try await Self.page(
                client, .post, "/invitations/accept",
                form: "token=\(Self.formValue(token))&password=a+long+page+password&display_name=%E3%83%9A%E3%83%BC%E3%82%B8",
                headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            // Accepting signs the new member in: their week, with a session cookie and no second sign-in.
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location] == "/?welcome=1")
            let cookie = try #require(accepted.headers[.setCookie]?.firstMatch(of: /banso_session=([^;]+)/).map { String($0.output.1) })
            let home = try await client.page(.get, "/", cookie: cookie)
            #expect(home.status == .ok)
            #expect(home.html.contains("ページ"), "the display name chosen on the page")
            #expect(try await InvitationTests.login(client, org: a.slug, email: "page.user@alpha.example", password: "a long page password") == .ok)
            #expect(try await Self.page(client, .get, link).status == .gone, "used")
            #expect(try await Self.page(client, .get, "/invitations/accept?token=bso_nothing").status == .gone)
        }
    }

    @Test func aResetLinkOpensAPageAndOnlyItsFormSetsThePassword() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let issued = try await client.call(.post, "/v1/members/\(a.csm.lower)/password-reset", token: a.ownerToken)
            let token = try #require(issued.body["token"] as? String)
            let link = try #require(issued.body["link"] as? String)
            #expect(link == "/password-reset?token=\(token)")
            let opened = try await Self.page(client, .get, link)
            #expect(opened.status == .ok)
            #expect(opened.html.contains("<form id=\"link-form\" method=\"post\" action=\"/password-reset\""))
            #expect(try await Self.page(client, .get, link).status == .ok, "still usable after being opened")
            let done = try await Self.page(client, .post, "/password-reset", form: "token=\(Self.formValue(token))&password=a+brand+new+password")
            #expect(done.status == .ok)
            #expect(done.html.contains("パスワードを設定しました"))
            #expect(try await InvitationTests.login(client, org: a.slug, email: "csm@smb.example", password: "a brand new password") == .ok)
            let again = try await Self.page(client, .post, "/password-reset", form: "token=\(Self.formValue(token))&password=another+new+password")
            #expect(again.status == .gone)
        }
    }

    /// A link mailed before the pages existed still leads to its page, and using it there still works.
    @Test func linksMailedBeforeThePagesLeadToThem() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let invited = try await InvitationTests.invite(client, token: a.ownerToken, email: "old.link@alpha.example", team: a.smbTeam, role: "viewer")
            let token = try #require(invited.body["token"] as? String)
            let old = try await Self.page(client, .get, "/v1/auth/invitations/accept?token=\(token)")
            #expect(old.status == .seeOther)
            #expect(old.headers[.location] == "/invitations/accept?token=\(token)")
            #expect(try await Self.page(client, .get, try #require(old.headers[.location])).status == .ok)
            let reset = try await Self.page(client, .get, "/v1/auth/password-reset/redeem?token=abc")
            #expect(reset.headers[.location] == "/password-reset?token=abc")
        }
    }

    /// "Forgot my password" as a page: the same answer whether or not the address is a member's, the input kept and
    /// the field named when it is malformed, and the per-address limit the JSON route has.
    @Test func forgotPasswordAnswersAlikeForEveryAddressAndIsLimited() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let form = try await client.page(.get, "/forgot-password")
            #expect(form.status == .ok)
            #expect(form.html.contains("id=\"forgot-form\""))
            #expect(try await client.page(.get, "/login").html.contains("href=\"/forgot-password\""))

            let malformed = try await client.page(.post, "/forgot-password", form: "org=\(a.slug)&email=not-an-address")
            #expect(malformed.status == .unprocessableContent)
            #expect(malformed.html.contains("id=\"email-error\"") && malformed.html.contains("value=\"not-an-address\""))

            let member = try await client.page(.post, "/forgot-password", form: "org=\(a.slug)&email=csm%40smb.example")
            let stranger = try await client.page(.post, "/forgot-password", form: "org=\(a.slug)&email=nobody%40nowhere.example")
            #expect(member.status == .seeOther && stranger.status == .seeOther)
            #expect(member.headers[.location] == stranger.headers[.location])
            let sent = try await client.page(.get, try #require(member.headers[.location]))
            #expect(sent.html.contains("リンクを送信しました"))

            // Ten an hour from one address (two above and the JSON route's), then refused with when to come back.
            for _ in 0..<8 {
                #expect(try await client.page(.post, "/forgot-password", form: "org=\(a.slug)&email=x%40y.example").status == .seeOther)
            }
            let limited = try await client.page(.post, "/forgot-password", form: "org=\(a.slug)&email=x%40y.example")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "3600")
            #expect(limited.html.contains("role=\"alert\""))
        }
    }
}
