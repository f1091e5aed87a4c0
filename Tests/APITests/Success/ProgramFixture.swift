import API
import Database
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import Testing

/// A success program ready to run: a template (3 months, 5 h a month), an SMB customer owned by the org's CSM with
/// two contacts (the owner of the work and the decision maker), and the customer's enrolment from `start`.
struct ProgramFixture {
    var template: String
    var customer: UUID
    var owner: String
    var decisionMaker: String
    var enrolment: String

    static func make(_ client: any TestClientProtocol, _ org: TenantOrg, _ store: Store, start: String = "2026-10-20", customerName: String = "北海商事") async throws -> ProgramFixture {
        let template = try await client.call(.post, "/v1/program-templates", token: org.ownerToken, json: body(["name": "GPO 3か月 " + UUID().uuidString.prefix(8)]))
        #expect(template.status == .created, "\(template.body)")
        let customer = try await org.addCustomer(store, name: customerName, phase: .onboarding, since: .init(year: 2026, month: 4, day: 1)!)
        try await store.tenant(org.orgID) { tx in
            try await tx.execute("UPDATE customer SET owner_id = \(org.csm) WHERE org_id = \(org.orgID) AND id = \(customer)")
        }
        func contact(_ name: String) async throws -> String {
            let made = try await client.call(.post, "/v1/customers/\(customer.lower)/contacts", token: org.ownerToken, json: body(["name": name]))
            return try #require(made.body["id"] as? String, "\(made.body)")
        }
        let owner = try await contact("田中 業務責任者")
        let decisionMaker = try await contact("佐藤 部長")
        let templateID = try #require(template.body["id"] as? String)
        let enrolled = try await client.call(.post, "/v1/enrolments", token: org.csmToken, json: body([
            "customer_id": customer.lower, "template_id": templateID, "start_date": start, "participant_ids": [owner, decisionMaker]]))
        #expect(enrolled.status == .created, "\(enrolled.body)")
        return ProgramFixture(
            template: templateID, customer: customer, owner: owner, decisionMaker: decisionMaker,
            enrolment: try #require(enrolled.body["id"] as? String))
    }

    func sheetJSON(goal: String = "月次決算を3営業日早める") -> String {
        body([
            "business_goal": goal, "kpi_name": "月次決算の所要営業日数", "kpi_baseline": 8, "kpi_target": 5, "kpi_unit": "営業日", "kpi_direction": "down",
            "usage_goal": "経理部の5人全員が予算ビューで締めを行う", "usage_metric": "active_users", "usage_baseline": 1, "usage_target": 5,
            "client_owner_id": owner, "decision_maker_id": decisionMaker, "decision_maker_comment": "全社展開の判断材料にしたい",
        ])
    }
}
