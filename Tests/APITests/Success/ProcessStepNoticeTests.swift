import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// A completed step tells the people the RACI names, by position: the next step's responsible holders that it is
/// theirs now (with its exit criterion), the completed step's informed holders that it is done — not whoever
/// completed it, nobody twice, and nobody whose holding has ended.
@Suite struct ProcessStepNoticeTests {
    @Test func theNextStepsResponsibleAndThisStepsInformedAreTold() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let onboarding = try await ProcessFixture.position(client, a, "オンボーディング担当")
            let adoption = try await ProcessFixture.position(client, a, "アダプション担当")
            let lead = try await ProcessFixture.position(client, a, "CSリード")
            let manager = try await ProcessFixture.position(client, a, "SMBマネージャー")
            let steps = #"""
                [{"name":"キックオフ","expected_days":10,"exit_criterion":"キックオフ実施","raci":{"responsible":["\#(onboarding)"],"accountable":["\#(lead)"],"informed":["\#(manager)"]}},
                 {"name":"利用定着","expected_days":30,"exit_criterion":"週次利用率60%","raci":{"responsible":["\#(adoption)"],"accountable":["\#(lead)"]}}]
                """#
            let created = try await client.call(.post, "/v1/processes", token: a.ownerToken, json: #"{"name":"通知プロセス","steps":\#(steps)}"#)
            let process = try #require(created.body["id"] as? String, "\(created.body)")
            let published = try await client.call(.post, "/v1/processes/\(process)/versions/1/publish", token: a.ownerToken)
            let version = try #require(published.body["id"] as? String)
            let stepIDs = (published.body["steps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }

            let adopter = try await a.addMember(store, email: "adopt@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let former = try await a.addMember(store, email: "former@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            func hold(_ position: String, _ member: UUID, from: String, to: String? = nil) async throws {
                let held = try await client.call(
                    .post, "/v1/positions/\(position)/holders", token: a.ownerToken,
                    json: #"{"member_id":"\#(member.lower)","start_date":"\#(from)"\#(to.map { #","end_date":"\#($0)""# } ?? "")}"#)
                #expect(held.status == .created, "\(held.body)")
            }
            try await hold(adoption, adopter.id, from: "2026-01-01")
            try await hold(adoption, former.id, from: "2025-01-01", to: "2026-06-30")
            try await hold(manager, a.smbManager, from: "2026-01-01")
            // The CSM who completes the step also holds the next step's position: not told of her own act.
            try await hold(adoption, a.csm, from: "2026-01-01")

            let customer = try await a.addCustomer(store, name: "段取り商事", owner: a.csm)
            let url = "/v1/customers/\(customer.lower)/process"
            #expect(try await client.call(.put, url, token: a.csmToken, json: #"{"version_id":"\#(version)","placed_on":"2026-10-01"}"#).status == .ok)
            let done = try await client.call(.post, "\(url)/steps/\(stepIDs[0])/complete", token: a.csmToken, json: #"{"completed_on":"2026-10-11"}"#)
            #expect(done.status == .ok, "\(done.body)")

            func notices(_ token: String) async throws -> [[String: Any]] {
                try await client.call(.get, "/v1/me/notifications?limit=50", token: token).body.items.filter { $0["kind"] as? String == "process.step" }
            }
            let turn = try await notices(adopter.token)
            #expect(turn.count == 1)
            #expect((turn.first?["title"] as? String)?.contains("利用定着") == true, "\(turn)")
            #expect((turn.first?["body"] as? String)?.contains("週次利用率60%") == true)
            let informed = try await notices(a.smbManagerToken)
            #expect(informed.count == 1 && (informed.first?["title"] as? String)?.contains("キックオフ") == true, "\(informed)")
            #expect(try await notices(former.token).isEmpty, "a holding that ended is not told")
            #expect(try await notices(a.csmToken).isEmpty, "whoever completed it is not told")
        }
    }
}
