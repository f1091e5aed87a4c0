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
        }
    }
}
