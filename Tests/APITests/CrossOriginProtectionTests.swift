import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Web

/// Go's CrossOriginProtection rule, for pages and API alike: a browser's cross-site POST is refused before it
/// reaches a handler; a same-site one, or a request from no browser at all, passes.
@Suite struct CrossOriginProtectionTests {
    @Test func aCrossSiteFormPostIsRefused() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let form = "org=\(a.slug)&email=owner%40alpha.example&password=correct+horse+battery"
            let site = HTTPField.Name("Sec-Fetch-Site")!
            let cases: [(HTTPFields, HTTPResponse.Status, String)] = [
                ([site: "cross-site"], .forbidden, "another site"),
                ([site: "same-site"], .forbidden, "a sibling subdomain is another origin"),
                ([site: "same-origin"], .seeOther, "our own page"),
                ([site: "none"], .seeOther, "typed by the person"),
                ([.origin: "http://evil.example"], .forbidden, "an old browser, another origin"),
                ([.origin: "http://localhost:8080"], .seeOther, "an old browser, our origin (the public URL)"),
            ]
            for (headers, status, why) in cases {
                var all = headers
                all[.contentType] = "application/x-www-form-urlencoded"
                let answer = try await client.execute(uri: "/login", method: .post, headers: all, body: ByteBuffer(string: form)) {
                    $0.status
                }
                #expect(answer == status, "\(why)")
            }
            // No browser headers at all: a script (the JSON API) — it carries no ambient credential to abuse.
            let script = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(a.slug)","email":"owner@alpha.example","password":"correct horse battery"}"#)
            #expect(script.status == .ok)
            // A cross-site POST to the API is refused too, with the API's problem details.
            let forged = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"x","email":"y","password":"z"}"#, headers: [site: "cross-site"])
            #expect(forged.status == .forbidden)
            #expect(forged.body["code"] as? String == "cross_origin")
        }
    }
}
