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
import UseCases
import Web

/// `/admin/customer-fields`: org-wide CS operations defines the org's custom fields; a bad key or type is refused
/// beside its field; a new choice field appears on a customer's edit form; archiving keeps it off the form without
/// deleting values; a CSM or a company manager is refused; another organisation's ids are the 404 page.
@Suite struct WebCustomerFieldAdminTests {
    static let password = "correct horse battery"

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
    }

    @Test func opsDefinesAndArchivesFields() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let ops = try await a.addMember(store, email: "ops@alpha.example", role: .ops, scope: .org, team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [ops.id, a.csm, a.smbManager] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let customer = try await a.addCustomer(store, name: "北星銀行", owner: a.csm)
            let path = "/admin/customer-fields"

            let session = try await client.signIn(a.slug, "ops@alpha.example", Self.password).session
            let empty = try await client.page(.get, path, cookie: session)
            #expect(empty.status == .ok)
            #expect(empty.html.contains("<h1>顧客のカスタム項目</h1>"))
            #expect(empty.html.contains("カスタム項目はまだありません。"))

            // A bad key, then a bad type: 422, the input kept, the message beside the field.
            let badKey = try await client.page(
                .post, path, cookie: session,
                form: Self.form([("key", "Plan Name"), ("label_ja", "プラン"), ("label_en", "Plan"), ("type", "choice"), ("choices", "Basic\nPro")]))
            #expect(badKey.status == .unprocessableContent)
            #expect(badKey.html.contains("id=\"f-key-error\""))
            #expect(badKey.html.contains("aria-invalid=\"true\""))
            #expect(badKey.html.contains("キーは英小文字で始め"))
            #expect(badKey.html.contains("value=\"Plan Name\""))
            #expect(badKey.html.contains("Basic\nPro</textarea>"))
            let badType = try await client.page(
                .post, path, cookie: session, form: Self.form([("key", "plan"), ("label_ja", "プラン"), ("label_en", "Plan"), ("type", "colour")]))
            #expect(badType.status == .unprocessableContent)
            #expect(badType.html.contains("id=\"f-type-error\""))
            #expect(badType.html.contains("種類を一覧から選んでください。"))
            let noChoices = try await client.page(
                .post, path, cookie: session, form: Self.form([("key", "plan"), ("label_ja", "プラン"), ("label_en", "Plan"), ("type", "choice")]))
            #expect(noChoices.status == .unprocessableContent)
            #expect(noChoices.html.contains("id=\"f-choices-error\""))
            let badPosition = try await client.page(
                .post, path, cookie: session,
                form: Self.form([("key", "plan"), ("label_ja", "プラン"), ("label_en", "Plan"), ("type", "text"), ("position", "first")]))
            #expect(badPosition.status == .unprocessableContent)
            #expect(badPosition.html.contains("id=\"f-position-error\""))

            // A choice field: listed, and on the customer's edit form.
            let created = try await client.page(
                .post, path, cookie: session,
                form: Self.form([("key", "plan"), ("label_ja", "契約プラン"), ("label_en", "Plan"), ("type", "choice"), ("choices", "Basic\nPro\n"), ("position", "10")]))
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "\(path)?done=created")
            let listed = try await client.page(.get, "\(path)?done=created", cookie: session)
            #expect(listed.html.contains("項目を追加しました。"))
            #expect(listed.html.contains("契約プラン"))
            #expect(listed.html.contains("Basic・Pro"))
            let again = try await client.page(
                .post, path, cookie: session, form: Self.form([("key", "plan"), ("label_ja", "別"), ("label_en", "Other"), ("type", "text")]))
            #expect(again.status == .conflict)
            #expect(again.html.contains("id=\"f-key-error\""))
            let editForm = try await client.page(.get, "/customers/\(customer.lower)/edit", cookie: session)
            #expect(editForm.html.contains("<label for=\"cf-plan\">契約プラン</label>"))
            #expect(editForm.html.contains("<option value=\"Pro\">Pro</option>"))

            // Edit: relabel; a stale version says so; archive keeps it off the form; restore brings it back.
            let fields = try await store.tenant(a.orgID) { tx in try await CustomerFieldRepository.all(tx) }
            let plan = try #require(fields.first { $0.key == "plan" })
            let fieldPath = "\(path)/\(plan.id.lower)"
            let edit = try await client.page(.get, fieldPath, cookie: session)
            #expect(edit.status == .ok)
            #expect(edit.html.contains("カスタム項目「plan」"))
            let saved = try await client.page(
                .post, fieldPath, cookie: session,
                form: Self.form([("version", "1"), ("label_ja", "プラン"), ("label_en", "Plan"), ("type", "choice"), ("choices", "Basic\nPro\nEnterprise"), ("position", "5")]))
            #expect(saved.status == .seeOther)
            let stale = try await client.page(
                .post, fieldPath, cookie: session,
                form: Self.form([("version", "1"), ("label_ja", "古い"), ("label_en", "Old"), ("type", "choice"), ("choices", "Basic")]))
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("ほかの人がこの項目を更新しました。"))
            let badEdit = try await client.page(
                .post, fieldPath, cookie: session, form: Self.form([("version", "2"), ("label_ja", ""), ("label_en", "Plan"), ("type", "choice"), ("choices", "Basic")]))
            #expect(badEdit.status == .unprocessableContent)
            #expect(badEdit.html.contains("id=\"f-label-ja-error\""))
            let archived = try await client.page(.post, "\(fieldPath)/archive", cookie: session, form: "version=2&archived=true")
            #expect(archived.status == .seeOther)
            let afterArchive = try await client.page(.get, "\(path)?done=archived", cookie: session)
            #expect(afterArchive.html.contains("アーカイブ済みの項目"))
            #expect(!(try await client.page(.get, "/customers/\(customer.lower)/edit", cookie: session).html.contains("cf-plan")))
            #expect(try await client.page(.post, "\(fieldPath)/archive", cookie: session, form: "version=3&archived=false").status == .seeOther)
            #expect(try await client.page(.get, "/customers/\(customer.lower)/edit", cookie: session).html.contains("cf-plan"))

            // A CSM and a company manager may not define fields.
            for email in ["csm@smb.example", "manager@smb.example"] {
                let other = try await client.signIn(a.slug, email, Self.password).session
                #expect(try await client.page(.get, path, cookie: other).status == .forbidden)
                #expect(try await client.page(.get, fieldPath, cookie: other).status == .forbidden)
                #expect(try await client.page(.post, path, cookie: other, form: "key=x&label_ja=x&label_en=x&type=text").status == .forbidden)
                #expect(try await client.page(.post, path, cookie: other, form: "key=Bad&type=nonsense").status == .forbidden)
                #expect(try await client.page(.post, fieldPath, cookie: other, form: "version=4&label_ja=x&label_en=x&type=choice&choices=Basic").status == .forbidden)
                #expect(try await client.page(.post, "\(fieldPath)/archive", cookie: other, form: "archived=true").status == .forbidden)
            }

            // Another organisation's owner: our field is not found.
            let beta = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: beta).status == .ok)
            #expect(!(try await client.page(.get, path, cookie: beta).html.contains("契約プラン")))
            #expect(try await client.page(.get, fieldPath, cookie: beta).status == .notFound)
            #expect(try await client.page(.post, fieldPath, cookie: beta, form: "version=4&label_ja=x&label_en=x&type=text").status == .notFound)
            #expect(try await client.page(.post, "\(fieldPath)/archive", cookie: beta, form: "archived=true").status == .notFound)
            #expect(try await client.page(.get, "\(path)/not-an-id", cookie: beta).status == .notFound)

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: session, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: session)
            #expect(english.html.contains("Customer custom fields"))
            #expect(english.html.contains("Basic, Pro, Enterprise"))
            let englishBad = try await client.page(.post, path, cookie: session, form: Self.form([("key", "9x"), ("label_ja", "x"), ("label_en", "x"), ("type", "text")]))
            #expect(englishBad.status == .unprocessableContent)
            #expect(englishBad.html.contains("id=\"f-key-error\""))
        }
    }
}
