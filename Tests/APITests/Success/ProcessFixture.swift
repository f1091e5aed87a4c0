import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Positions, processes and placements made through the API, for the process tests.
enum ProcessFixture {
    struct Step {
        var name: String
        var days: Int
        var responsible: String
        var accountable: String
    }

    struct Published {
        var process: String
        var version: String
        var steps: [String]
    }

    /// A position of the org, named `name`.
    static func position(_ client: any TestClientProtocol, _ org: TenantOrg, _ name: String) async throws -> String {
        let created = try await client.call(.post, "/v1/positions", token: org.ownerToken, json: #"{"name":"\#(name)"}"#)
        return try #require(created.body["id"] as? String, "\(created.body)")
    }

    static func stepsJSON(_ steps: [Step]) -> String {
        "[" + steps.map {
            #"{"name":"\#($0.name)","expected_days":\#($0.days),"exit_criterion":"\#($0.name) の完了条件","raci":{"responsible":["\#($0.responsible)"],"accountable":["\#($0.accountable)"]}}"#
        }.joined(separator: ",") + "]"
    }

    /// A process with version 1 holding `steps`, published.
    static func published(
        _ client: any TestClientProtocol, _ org: TenantOrg, name: String, steps: [Step], standard: Bool = false
    ) async throws -> Published {
        let created = try await client.call(
            .post, "/v1/processes", token: org.ownerToken,
            json: #"{"name":"\#(name)","summary":"seed 000","is_org_standard":\#(standard),"steps":\#(stepsJSON(steps))}"#)
        #expect(created.status == .created, "\(created.body)")
        let process = try #require(created.body["id"] as? String)
        let published = try await client.call(.post, "/v1/processes/\(process)/versions/1/publish", token: org.ownerToken)
        #expect(published.status == .ok, "\(published.body)")
        let version = try #require(published.body["id"] as? String)
        let ids = (published.body["steps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        return Published(process: process, version: version, steps: ids)
    }

    static func twoSteps(_ position: String) -> [Step] {
        [Step(name: "キックオフ", days: 10, responsible: position, accountable: position),
         Step(name: "活用定着", days: 20, responsible: position, accountable: position)]
    }
}
