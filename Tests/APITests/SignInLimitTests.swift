import API
import Settings
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Issue 10, item 11: the per-address sign-in limit cannot be dodged with X-Forwarded-For, parallel guesses cannot
/// pass the limit together, bcrypt work is bounded, and the anonymous reset request is limited per address.
@Suite struct SignInLimitTests {
    static func login(_ client: any TestClientProtocol, org: String, email: String, forwardedFor: String? = nil)
        async throws -> HTTPResponse.Status
    {
        var headers: HTTPFields = [:]
        if let forwardedFor { headers[HTTPField.Name("X-Forwarded-For")!] = forwardedFor }
        return try await client.call(
            .post, "/v1/auth/login", token: nil, json: body(["org": org, "email": email, "password": "wrong password!"]),
            headers: headers).status
    }

    /// As reproduced: 25 failed sign-ins, each with another X-Forwarded-For and another account. Without trusted
    /// proxies the header is ignored, so the 21st is refused.
    @Test func forwardedForIsIgnoredWithoutTrustedProxies() async throws {
        try await withTenants { client, a, _, _ in
            var statuses: [HTTPResponse.Status] = []
            for n in 1...25 {
                statuses.append(try await Self.login(client, org: a.slug, email: "guess\(n)@alpha.example", forwardedFor: "203.0.113.\(n)"))
            }
            #expect(statuses.prefix(20).allSatisfy { $0 == .unauthorized })
            #expect(statuses.suffix(5).allSatisfy { $0 == .tooManyRequests }, "\(statuses)")
        }
    }

    /// Behind a trusted proxy (the test's own address, 127.0.0.1, over a real socket), the client is the address
    /// the proxy names: each counts alone, and one client still meets the limit.
    @Test func aTrustedProxyNamesTheClient() async throws {
        try await withApp(live: true, configure: { $0.trustedProxies = [AddressPrefix(bytes: [127, 0, 0, 0], bits: 8)!] }) { client, services in
            let a = try await TenantOrg.make(services.store, name: "Alpha")
            for n in 1...22 {
                #expect(try await Self.login(client, org: a.slug, email: "g\(n)@alpha.example", forwardedFor: "198.51.100.\(n)") == .unauthorized)
            }
            var same: [HTTPResponse.Status] = []
            for n in 1...21 {
                // The client's own claim on the left is not believed past the proxy's entry on the right.
                same.append(try await Self.login(client, org: a.slug, email: "h\(n)@alpha.example", forwardedFor: "10.9.9.\(n), 192.0.2.7"))
            }
            #expect(same.last == .tooManyRequests, "\(same)")
        }
    }

    /// Thirty guesses at one account at once: the attempt is counted before the password is checked, under a lock,
    /// so exactly five reach the password check.
    @Test func parallelGuessesCannotPassTheLimitTogether() async throws {
        try await withTenants { client, a, _, _ in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<30 { group.addTask { try await Self.login(client, org: a.slug, email: "csm@smb.example") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 25)
        }
    }

    @Test func theAnonymousResetRequestIsLimitedPerAddress() async throws {
        try await withTenants { client, a, _, _ in
            var statuses: [HTTPResponse.Status] = []
            for n in 1...11 {
                statuses.append(try await client.call(.post, "/v1/auth/password-reset/request", token: nil,
                                                      json: body(["org": a.slug, "email": "person\(n)@alpha.example"])).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .accepted })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    /// The gate that bounds bcrypt: places, then waiting places, then an immediate refusal.
    @Test func workBeyondTheBoundIsTurnedAwayAtOnce() async throws {
        let gate = WorkGate(limit: 2, queueLimit: 1)
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        // Long enough that all four arrive while the first two still run.
                        return try await gate.run { try await Task.sleep(for: .seconds(1)); return "ran" }
                    } catch is WorkGate.Busy {
                        return "busy"
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.first == "busy", "turned away at once, not after waiting")
        #expect(outcomes.sorted() == ["busy", "ran", "ran", "ran"])
    }
}

/// Sessions end after an idle time (`BANSO_SESSION_IDLE`, default 2 h) inside their 12 h; use keeps one alive.
@Suite struct SessionIdleTests {
    @Test func anUnusedSessionEndsAndAUsedOneLives() async throws {
        let time = ManualTime(TestClock.reference)
        try await withApp(clock: .manual(time)) { client, services in
            let a = try await TenantOrg.make(services.store, name: "Alpha", password: "correct horse battery")
            func signIn() async throws -> String {
                let login = try await client.call(.post, "/v1/auth/login", token: nil, json: body([
                    "org": a.slug, "email": "owner@alpha.example", "password": "correct horse battery"]))
                return try #require(login.body["token"] as? String)
            }
            let used = try await signIn()
            let idle = try await signIn()
            for _ in 0..<4 {
                time.advance(by: 90 * 60)
                #expect(try await client.call(.get, "/v1/me", token: used).status == .ok, "used every 90 minutes")
            }
            #expect(try await client.call(.get, "/v1/me", token: idle).status == .unauthorized, "six hours unused")
            // A read records its use at most once a minute: within the minute it writes nothing.
            func lastUsed() async throws -> [Date] {
                try await services.store.system { tx in
                    try await tx.query("SELECT last_used_at FROM auth_session WHERE org_id = \(a.orgID) ORDER BY created_at").decodeColumn(Date.self)
                }
            }
            let before = try await lastUsed()
            time.advance(by: 30)
            #expect(try await client.call(.get, "/v1/me", token: used).status == .ok)
            #expect(try await lastUsed() == before, "no write within the minute")
            time.advance(by: 40)
            #expect(try await client.call(.get, "/v1/me", token: used).status == .ok)
            #expect(try await lastUsed() != before, "recorded once the minute has passed")
            time.advance(by: 2 * 3600 + 60)
            #expect(try await client.call(.get, "/v1/me", token: used).status == .unauthorized, "two hours unused")
            // API tokens have no idle time.
            #expect(try await client.call(.get, "/v1/me", token: a.ownerToken).status == .ok)
        }
    }
}
