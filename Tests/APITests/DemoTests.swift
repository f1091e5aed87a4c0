import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct DemoTests {
    @Test func demoOrganisationSignsInInBothLanguages() async throws {
        try await withApp { client, services in
            let demo = try await DemoOrganization.create(store: Store(database: services.database))
            #expect(demo.members.count == 11)
            #expect(Set(demo.members.map(\.locale)) == ["ja", "en"])
            #expect(Set(demo.members.map(\.role)).isSuperset(of: ["owner", "manager", "csm", "support", "ops", "viewer"]))
            let emily = try #require(demo.members.first { $0.email.hasPrefix("emily") })
            let login = try await client.call(
                .post, "/v1/auth/login", token: nil,
                json: #"{"org":"\#(demo.slug)","email":"\#(emily.email)","password":"\#(emily.password)"}"#)
            #expect(login.status == .ok)
            let me = try await client.call(.get, "/v1/me", token: login.body["token"] as? String)
            #expect((me.body["member"] as? [String: Any])?["locale"] as? String == "en")
            #expect((me.body["grants"] as? [[String: Any]])?.first?["role"] as? String == "csm")
            let companies = try await client.call(.get, "/v1/companies", token: demo.token).body.items.compactMap { $0["name"] as? String }
            #expect(companies.contains("エンタープライズ (Enterprise)"))
            // The demo has living goal trees: this half's tree with progress and check-ins, an inbox, positions.
            let half = try #require(try await client.call(.get, "/v1/goals?kind=kgi", token: demo.token).body.items.first?["period"] as? String)
            let tree = try await client.call(.get, "/v1/goals/tree?period=\(half)", token: demo.token)
            #expect(tree.body["count"] as? Int == 9)
            #expect((tree.body["roots"] as? [[String: Any]])?.count == 2)
            let chain = try await client.call(.get, "/v1/positions", token: demo.token)
            #expect(chain.body.items.count == 7)
            let ito = try #require(demo.members.first { $0.email.hasPrefix("ito") })
            let itoLogin = try await client.call(
                .post, "/v1/auth/login", token: nil, json: #"{"org":"\#(demo.slug)","email":"\#(ito.email)","password":"\#(ito.password)"}"#)
            let inbox = try await client.call(.get, "/v1/me/notifications", token: itoLogin.body["token"] as? String)
            #expect(inbox.body.items.contains { $0["kind"] as? String == "accountability.assigned" })
        }
    }
}
