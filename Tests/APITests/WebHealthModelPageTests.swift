import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// The health model page: CS operations saves a new version through the form; a bad weight comes back with the
/// error beside its field and nothing saved; a reader without the right sees no form and is refused on the POST.
@Suite struct WebHealthModelPageTests {
    static let password = "correct horse battery"

    /// The form as the page fills it for the default model (three signals and a blank row), with `changes` applied.
    static func form(_ changes: [String: String] = [:]) -> String {
        var fields: [String: String] = [
            "rows": "4",
            "kind_0": "nps", "weight_0": "40", "norm_0": "linear", "worst_0": "-50", "best_0": "50", "nodata_0": "40",
            "kind_1": "open_high_priority_tickets", "weight_1": "30", "norm_1": "steps", "below_1": "100", "steps_1": "1:60, 3:20, 5:0",
            "nodata_1": "100",
            "kind_2": "days_since_last_touch", "weight_2": "30", "norm_2": "linear", "worst_2": "90", "best_2": "14", "nodata_2": "20",
            "new_3": "1", "kind_3": "", "weight_3": "", "norm_3": "linear",
            "threshold_a": "80", "threshold_b": "60", "threshold_c": "40", "note": "",
        ]
        fields.merge(changes) { _, new in new }
        return fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Test func opsSavesANewVersionAndABadWeightComesBackBesideItsField() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let ops = try await a.addMember(services.store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            let hash = try await Secrets.hashPassword(Self.password)
            try await services.store.tenant(a.orgID) { tx in
                try await MemberRepository.setPassword(tx, id: ops.id, hash: hash)
                try await MemberRepository.setPassword(tx, id: a.csm, hash: hash)
            }
            let opsSession = try await client.signIn(a.slug, "ops@alpha.example", Self.password).session
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session

            let page = try await client.page(.get, "/admin/health-model", cookie: opsSession)
            #expect(page.status == .ok)
            #expect(page.html.contains("現在のモデル（バージョン 1）"))
            #expect(page.html.contains("id=\"health-model-form\""))
            #expect(page.html.contains("最終接触からの日数"))
            #expect(page.html.contains("バックテスト"))

            let bad = try await client.page(.post, "/admin/health-model", cookie: opsSession, form: Self.form(["weight_1": "-3"]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"weight-1-error\""))
            #expect(bad.html.contains("value=\"-3\""), "the typed weight comes back")
            let notNumber = try await client.page(.post, "/admin/health-model", cookie: opsSession, form: Self.form(["weight_2": "heavy"]))
            #expect(notNumber.status == .unprocessableContent)
            #expect(notNumber.html.contains("id=\"weight-2-error\""))
            let thresholds = try await client.page(.post, "/admin/health-model", cookie: opsSession, form: Self.form(["threshold_b": "90"]))
            #expect(thresholds.status == .unprocessableContent)
            #expect(thresholds.html.contains("id=\"threshold-a-error\""))
            #expect(try await client.call(.get, "/v1/health/model", token: a.ownerToken).body["version"] as? Int == 1, "nothing saved")

            let saved = try await client.page(
                .post, "/admin/health-model", cookie: opsSession, form: Self.form(["weight_0": "50", "note": "NPS を重視"]))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/health-model?done=saved&version=2")
            let after = try await client.page(.get, "/admin/health-model?done=saved&version=2", cookie: opsSession)
            #expect(after.html.contains("現在のモデル（バージョン 2）"))
            #expect(after.html.contains("NPS を重視"))
            let model = try await client.call(.get, "/v1/health/model", token: a.ownerToken).body
            #expect(model["version"] as? Int == 2)
            #expect((model["signals"] as? [[String: Any]])?.first?["weight"] as? Double == 50)

            // A usage signal added in the blank row.
            let added = try await client.page(
                .post, "/admin/health-model", cookie: opsSession,
                form: Self.form(["kind_3": "usage", "metric_3": "active_users", "weight_3": "10", "worst_3": "0", "best_3": "50", "nodata_3": "30"]))
            #expect(added.status == .seeOther)
            let v3 = try await client.page(.get, "/admin/health-model", cookie: opsSession)
            #expect(v3.html.contains("usage:active_users"))
            let v1 = try await client.page(.get, "/admin/health-model?version=1", cookie: opsSession)
            #expect(v1.html.contains("バージョン 1"))

            // A CSM reads the model but sees no form, and the POST is the 403 page.
            let read = try await client.page(.get, "/admin/health-model", cookie: csm)
            #expect(read.status == .ok)
            #expect(!read.html.contains("id=\"health-model-form\""))
            let refused = try await client.page(.post, "/admin/health-model", cookie: csm, form: Self.form(["weight_0": "10"]))
            #expect(refused.status == .forbidden)
            let refusedBad = try await client.page(.post, "/admin/health-model", cookie: csm, form: Self.form(["weight_0": "x"]))
            #expect(refusedBad.status == .forbidden, "a bad form from someone without the right is refused, not explained")

            // English, and another org's version is not there.
            _ = try await client.page(.post, "/me/locale", cookie: opsSession, form: "locale=en&back=%2F")
            let en = try await client.page(.get, "/admin/health-model", cookie: opsSession)
            #expect(en.html.contains("Model in force (version 3)"))
            let ownerB = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, "/admin/health-model?version=3", cookie: ownerB).status == .notFound)
            #expect(try await client.page(.get, "/admin/health-model?version=x", cookie: ownerB).status == .notFound)
        }
    }
}
