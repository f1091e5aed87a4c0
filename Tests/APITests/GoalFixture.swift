import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A JSON body from a dictionary (keys as the API spells them).
func body(_ object: [String: Any?]) -> String {
    let cleaned = object.mapValues { $0 ?? NSNull() }
    return String(decoding: try! JSONSerialization.data(withJSONObject: cleaned, options: [.sortedKeys]), as: UTF8.self)
}

/// The README's walk-through tree in SMB for FY2026-H2: a KGI (下期売上), two KSFs and three KPIs (GRR, NRR, NPS)
/// owned by the SMB CSM, created through the API by the org's owner.
struct SampleTree {
    var kgi: String
    var ksfRetention: String
    var ksfAdvocacy: String
    var grr: String
    var nrr: String
    var nps: String

    static func make(_ client: any TestClientProtocol, _ org: TenantOrg) async throws -> SampleTree {
        func create(_ fields: [String: Any?]) async throws -> String {
            let response = try await client.call(.post, "/v1/goals", token: org.ownerToken, json: body(fields))
            #expect(response.status == .created, "\(fields["title"] as? String ?? "") → \(response.status) \(response.body)")
            return try #require(response.body["id"] as? String).lowercased()
        }
        let kgi = try await create([
            "kind": "kgi", "title": "下期売上", "company_id": org.smb.lower, "period": "FY2026-H2", "metric": "売上",
            "unit": "円", "baseline": 100_000_000, "target": 120_000_000, "due_date": "2027-03-31", "owner_id": org.smbManager.lower,
        ])
        let retention = try await create([
            "kind": "ksf", "title": "既存顧客の継続", "description": "解約を防ぎ、更新率を上げる", "parent_id": kgi,
            "company_id": org.smb.lower, "period": "FY2026-H2", "owner_id": org.smbManager.lower,
        ])
        let advocacy = try await create([
            "kind": "ksf", "title": "顧客推奨の拡大", "description": "推奨者を増やす", "parent_id": kgi,
            "company_id": org.smb.lower, "period": "FY2026-H2", "owner_id": org.smbManager.lower,
        ])
        func kpi(_ title: String, _ metric: String, _ unit: String, _ baseline: Double, _ target: Double, parent: String) async throws -> String {
            try await create([
                "kind": "kpi", "title": title, "parent_id": parent, "team_id": org.smbTeam.lower, "period": "FY2026-H2",
                "metric": metric, "unit": unit, "baseline": baseline, "target": target, "due_date": "2027-03-31",
                "owner_id": org.csm.lower,
            ])
        }
        return SampleTree(
            kgi: kgi, ksfRetention: retention, ksfAdvocacy: advocacy,
            grr: try await kpi("SMB GRR", "GRR", "%", 90, 95, parent: retention),
            nrr: try await kpi("SMB NRR", "NRR", "%", 100, 110, parent: retention),
            nps: try await kpi("SMB NPS", "NPS", "pt", 10, 30, parent: advocacy))
    }
}
