import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import Web

/// Every form and page of the customer records, tickets, revenue and NPS sections, posted as an owner with NUL
/// bytes, 400-digit values, another org's ids, unknown ids or nothing at all: a 4xx or a redirect, never a 5xx; and
/// another org's customer is the 404 page.
@Suite struct WebCustomerPagesHostileInputTests {
    @Test func hostileFormsAndQueriesNeverAnswer5xx() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword("correct horse battery")
            try await store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.owner, hash: hash) }
            let id = try await a.addCustomer(store, name: "北星銀行", owner: a.csm).lower
            let beta = try await b.addCustomer(store, name: "ベータ").lower
            let owner = try await client.signIn(a.slug, "owner@alpha.example", "correct horse battery").session
            let junk = UUID().uuidString.lowercased()
            let nul = "%00x"
            let fields = ["name", "email", "phone", "role", "decision_maker", "external_id", "version", "duplicate_id", "key", "label_ja",
                          "label_en", "type", "choices", "position", "archived", "title", "priority", "product", "source", "opened_at",
                          "description", "status", "first_response_at", "resolved_at", "csat", "action", "note", "hand_to", "due_date",
                          "customer_id", "arr", "currency", "start_date", "end_date", "auto_renews", "notice_value", "notice_unit",
                          "outcome", "next_arr", "next_start", "next_end", "month", "amount", "score", "comment", "respondent",
                          "contact_id", "responded_on", "channel"]
            let variants = [
                fields.map { "\($0)=\(nul)" }.joined(separator: "&"),
                fields.map { "\($0)=" + String(repeating: "9", count: 400) }.joined(separator: "&"),
                fields.map { "\($0)=\(beta)" }.joined(separator: "&"),
                "",
            ]
            let paths = [
                "/customers/\(id)/contacts", "/customers/\(id)/contacts/\(junk)", "/customers/\(id)/contacts/\(junk)/erase",
                "/customers/\(id)/merge", "/customers/\(id)/restore", "/customers/\(beta)/merge", "/admin/customer-fields",
                "/admin/customer-fields/\(junk)", "/admin/customer-fields/\(junk)/archive", "/customers/\(id)/tickets",
                "/customers/\(beta)/tickets", "/tickets/\(junk)", "/tickets/\(junk)/action", "/tickets/\(junk)/expansion-signal",
                "/problems/\(junk)/customers", "/problems/\(junk)/customers/remove", "/customers/\(id)/contracts",
                "/customers/\(id)/contracts/\(junk)", "/customers/\(id)/contracts/\(junk)/renewal", "/customers/\(id)/revenue",
                "/customers/\(id)/revenue/delete", "/customers/\(id)/nps", "/customers/\(id)/nps/\(junk)/delete",
                "/customers/not-a-uuid/contacts", "/tickets/not-a-uuid",
            ]
            #expect(try await client.page(.get, "/customers/\(id)/contacts", cookie: owner).status == .ok)
            var bad: [String] = []
            for path in paths {
                for form in variants {
                    let r = try await client.page(.post, path, cookie: owner, form: form)
                    if r.status.code >= 500 { bad.append("POST \(path) [\(form.prefix(30))] → \(r.status)") }
                }
            }
            for get in ["/tickets?q=%00&status=%00&priority=%00&product=%00&source=%00&cursor=%00&customer=%00",
                        "/customers?archived=%00", "/customers/\(id)/nps?filter=%00&cursor=%00", "/customers/\(id)/revenue?x=%00",
                        "/customers/\(id)/merge?duplicate=%00", "/customers/\(id)/merge?duplicate=\(beta)", "/customers/\(id)/tickets?cursor=zz",
                        "/customers/\(beta)/contacts", "/customers/\(beta)/revenue", "/customers/\(beta)/nps", "/admin/customer-fields/\(junk)"] {
                let r = try await client.page(.get, get, cookie: owner)
                if r.status.code >= 500 { bad.append("GET \(get) → \(r.status)") }
                if get.contains(beta) && get.hasPrefix("/customers/\(beta)") && r.status != .notFound { bad.append("GET \(get) → \(r.status), not 404") }
            }
            #expect(bad.isEmpty, "\(bad.joined(separator: "\n"))")
        }
    }
}
