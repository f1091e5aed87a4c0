import API
import Domain
import Database
import Foundation
import Settings
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// Who may read and who may change health: owner, SMB manager, SMB CSM on their own and on another CSM's
/// customer, ops, support, a viewer of Enterprise and a CSM of another team; read tokens never write.
@Suite struct HealthPermissionTests {
    @Test func theMatrix() async throws {
        try await withTenants { client, a, _, services in
            let store = services.store
            let ops = try await a.addMember(store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let otherCSM = try await a.addMember(store, email: "csm2@smb.example", role: .csm, scope: .team(a.smbTeam), team: a.smbTeam)
            let entCSM = try await a.addMember(store, email: "csm@ent.example", role: .csm, scope: .team(a.enterpriseTeam), team: a.enterpriseTeam)
            let mine = try await a.addCustomer(store, name: "自分の顧客", owner: a.csm)
            let theirs = try await a.addCustomer(store, name: "同僚の顧客", owner: otherCSM.id)

            func status(_ method: HTTPRequest.Method, _ path: String, _ token: String, json: String? = nil) async throws -> Int {
                try await client.call(method, path, token: token, json: json).status.code
            }
            // (who, read own customer's health, score own customer, score a colleague's customer)
            let rows: [(String, String, Int, Int, Int)] = [
                ("owner", a.ownerToken, 200, 200, 200),
                ("smb manager", a.smbManagerToken, 200, 200, 200),
                ("csm", a.csmToken, 200, 200, 403),
                ("ops", ops.token, 200, 200, 200),
                ("support", support.token, 200, 403, 403),
                ("enterprise viewer", a.viewerToken, 404, 404, 404),
                ("enterprise csm", entCSM.token, 404, 404, 404),
            ]
            for (who, token, read, scoreMine, scoreTheirs) in rows {
                try await check(try await status(.get, "/v1/customers/\(mine.lower)/health", token) == read, "\(who) reads")
                try await check(try await status(.get, "/v1/customers/\(mine.lower)/health/history", token) == read, "\(who) history")
                try await check(try await status(.post, "/v1/customers/\(mine.lower)/health/score", token) == scoreMine, "\(who) scores own")
                try await check(try await status(.post, "/v1/customers/\(theirs.lower)/health/score", token) == scoreTheirs, "\(who) scores other")
            }
            try await check(try await status(.post, "/v1/customers/\(mine.lower)/health/score", a.readOnlyOwnerToken) == 403)

            let model = body(HealthModelTests.model())
            for (who, token, expected) in [
                ("owner", a.ownerToken, 201), ("ops", ops.token, 201), ("manager", a.smbManagerToken, 403), ("csm", a.csmToken, 403),
                ("support", support.token, 403), ("read-only owner", a.readOnlyOwnerToken, 403),
            ] {
                try await check(try await status(.post, "/v1/health/models", token, json: model) == expected, "\(who) changes the model")
                try await check(try await status(.get, "/v1/health/model", token) == 200, "\(who) reads the model")
            }
            for (who, token, expected) in [
                ("owner", a.ownerToken, 200), ("manager", a.smbManagerToken, 200), ("csm", a.csmToken, 200), ("ops", ops.token, 200),
                ("viewer", a.viewerToken, 200), ("support", support.token, 403),
            ] {
                try await check(try await status(.get, "/v1/health/backtest", token) == expected, "\(who) back-tests")
                try await check(try await status(.get, "/v1/reports/health", token) == 200, "\(who) reads the distribution")
            }
            // The Enterprise viewer's distribution does not count SMB customers.
            _ = try await status(.post, "/v1/customers/\(mine.lower)/health/score", a.ownerToken)
            let own = try await client.call(.get, "/v1/reports/health", token: a.ownerToken).body.items
            let viewer = try await client.call(.get, "/v1/reports/health", token: a.viewerToken).body.items
            #expect(own.contains { ($0["total"] as? Int ?? 0) > 0 })
            #expect(!viewer.contains { ($0["total"] as? Int ?? 0) > 0 })
            let bad = try await client.call(.get, "/v1/reports/health?group_by=planet", token: a.ownerToken)
            #expect(bad.status == .unprocessableContent && bad.body["field"] as? String == "group_by")
        }
    }
}
