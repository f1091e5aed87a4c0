import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Web

/// The member's own page: profile saved, password changed only with the current one, other sessions ended, wrong
/// guesses limited.
@Suite struct WebMePageTests {
    static let password = "correct horse battery"

    @Test func profileAndPassword() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let here = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let elsewhere = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let page = try await client.page(.get, "/me", cookie: here)
            #expect(page.status == .ok)
            #expect(page.html.contains("owner@alpha.example"))

            let named = try await client.page(.post, "/me/profile", cookie: here, form: "name=%E5%B1%B1%E7%94%B0&locale=en&time_zone=Asia%2FTokyo")
            #expect(named.status == .seeOther)
            let after = try await client.page(.get, "/me", cookie: here)
            #expect(after.html.contains("value=\"山田\""))
            #expect(after.html.contains("<html lang=\"en\">"))
            let badZone = try await client.page(.post, "/me/profile", cookie: here, form: "name=x&time_zone=Mars%2FOlympus")
            #expect(badZone.status == .unprocessableContent)

            let wrong = try await client.page(.post, "/me/password", cookie: here, form: "current=nope&new=a+new+password&confirm=a+new+password")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("id=\"current-error\""))
            #expect(!wrong.html.contains("a new password\""), "no password comes back in the page")
            let mismatch = try await client.page(
                .post, "/me/password", cookie: here, form: "current=correct+horse+battery&new=a+new+password&confirm=another+one+x")
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.html.contains("id=\"new-error\""))
            let short = try await client.page(.post, "/me/password", cookie: here, form: "current=correct+horse+battery&new=short&confirm=short")
            #expect(short.status == .unprocessableContent)

            let changed = try await client.page(
                .post, "/me/password", cookie: here, form: "current=correct+horse+battery&new=a+new+password&confirm=a+new+password")
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location] == "/me?done=password")
            #expect(try await client.page(.get, "/me", cookie: here).status == .ok, "this browser stays signed in")
            #expect(try await client.page(.get, "/me", cookie: elsewhere).status == .seeOther, "the other session ended")
            #expect(try await client.signIn(a.slug, "owner@alpha.example", Self.password).status == .unauthorized)
            #expect(try await client.signIn(a.slug, "owner@alpha.example", "a new password").status == .seeOther)
        }
    }

    @Test func wrongCurrentPasswordsAreLimited() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            for _ in 0..<5 {
                let wrong = try await client.page(.post, "/me/password", cookie: session, form: "current=guess+guess&new=a+new+password&confirm=a+new+password")
                #expect(wrong.status == .unprocessableContent)
            }
            // Even the right one is refused for a while now: a borrowed session cannot brute-force the password.
            let right = try await client.page(
                .post, "/me/password", cookie: session, form: "current=correct+horse+battery&new=a+new+password&confirm=a+new+password")
            #expect(right.status == .conflict)
            #expect(try await client.signIn(a.slug, "owner@alpha.example", Self.password).status == .seeOther)
        }
    }
}
