import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func signInUseAndSignOut() async throws {
        try await withTenants { client, a, _, _ in
            let login = try await client.call(
                .post, "/v1/auth/login", token: nil,
                json: #"{"org":"\#(a.slug)","email":"OWNER@alpha.example","password":"correct horse battery"}"#)
            #expect(login.status == .ok)
            let token = try #require(login.body["token"] as? String)
            #expect(login.body["expires_at"] != nil)
            let me = try await client.call(.get, "/v1/me", token: token)
            #expect(((me.body["member"] as? [String: Any])?["id"] as? String)?.lowercased() == a.owner.lower)
            #expect((me.body["permissions"] as? [String])?.contains("org.manage") == true)
            try await check(await client.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            try await check(await client.call(.get, "/v1/me", token: token).status == .unauthorized)
        }
    }

    @Test func wrongPasswordAndUnknownOrgAnswerAlike() async throws {
        try await withTenants { client, a, _, _ in
            let wrong = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(a.slug)","email":"owner@alpha.example","password":"nope nope nope"}"#)
            let unknown = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"no-such-org","email":"owner@alpha.example","password":"nope nope nope"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.body["detail"] as? String == unknown.body["detail"] as? String)
        }
    }

    @Test func failedSignInsAreRateLimitedPerAccount() async throws {
        try await withTenants { client, a, _, _ in
            for _ in 0..<5 {
                let response = try await client.call(
                    .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(a.slug)","email":"owner@alpha.example","password":"guess guess guess"}"#)
                #expect(response.status == .unauthorized)
            }
            // Even the right password waits now.
            let limited = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(a.slug)","email":"owner@alpha.example","password":"correct horse battery"}"#)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body["code"] as? String == "rate_limited")
            let retry = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retry > 0 && retry <= 900)
        }
    }

    @Test func missingOrMalformedTokensAre401() async throws {
        try await withTenants { client, _, _, _ in
            try await check(await client.call(.get, "/v1/companies", token: nil).status == .unauthorized)
            try await check(await client.call(.get, "/v1/companies", token: "bso_not-a-real-token").status == .unauthorized)
        }
    }
}
