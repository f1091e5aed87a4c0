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

/// A customer's contacts page: the owning CSM adds and edits contacts (decision makers listed first), a bad email is
/// refused beside its field, a stale edit says so; a viewer or support sees no form and is refused the POSTs;
/// erasure leaves no personal data on the page; another organisation's ids are the 404 page; both languages.
@Suite struct WebCustomerContactPageTests {
    static let password = "correct horse battery"

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "&")
    }

    @Test func contactsAreAddedEditedAndErased() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, support.id, viewer.id] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let id = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm)
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let path = "/customers/\(id.lower)/contacts"

            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            let empty = try await client.page(.get, path, cookie: csm)
            #expect(empty.status == .ok)
            #expect(empty.html.contains("北星銀行 の連絡先"))
            #expect(empty.html.contains("連絡先はまだ登録されていません。"))
            #expect(empty.html.contains("action=\"\(path)\""))
            #expect(empty.html.contains("aria-current=\"page\">連絡先</a>"))

            // A bad email: 422, the input kept, the message beside the field.
            let bad = try await client.page(
                .post, path, cookie: csm, form: Self.form([("name", "山田 太郎"), ("email", "yamada@@example"), ("role", "部長")]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"k-email-error\""))
            #expect(bad.html.contains("メールアドレスの形式が正しくありません。"))
            #expect(bad.html.contains("value=\"山田 太郎\""))
            #expect(bad.html.contains("aria-invalid=\"true\" aria-describedby=\"k-email-error\""))

            // Two contacts: the decision maker comes first although 相川 sorts before 山田.
            let first = try await client.page(
                .post, path, cookie: csm, form: Self.form([("name", "相川 花子"), ("email", "aikawa@hokusei.example"), ("phone", "03-1234-5678")]))
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "\(path)?done=added")
            let second = try await client.page(
                .post, path, cookie: csm,
                form: Self.form([("name", "山田 太郎"), ("email", "yamada@hokusei.example"), ("role", "情報システム部 部長"),
                                 ("external_id", "CRM-77"), ("decision_maker", "true")]))
            #expect(second.status == .seeOther)
            let listed = try await client.page(.get, "\(path)?done=added", cookie: csm)
            #expect(listed.html.contains("連絡先を追加しました。"))
            let yamada = try #require(listed.html.range(of: "山田 太郎"))
            let aikawa = try #require(listed.html.range(of: "相川 花子"))
            #expect(yamada.lowerBound < aikawa.lowerBound)
            #expect(listed.html.contains("mailto:yamada@hokusei.example"))
            #expect(listed.html.contains("CRM-77"))
            #expect(listed.html.contains("連絡先 2 件・うち決裁者 1 名"))
            // The same CRM id twice is refused beside its field.
            let twice = try await client.page(.post, path, cookie: csm, form: Self.form([("name", "別人"), ("external_id", "CRM-77")]))
            #expect(twice.status == .conflict)
            #expect(twice.html.contains("id=\"k-external-error\""))

            // Edit: a stale version is the 409 page with the current details; then saved.
            let contacts = try await store.tenant(a.orgID) { tx in try await ContactRepository.list(tx, customer: id, after: nil, limit: 10).items }
            let target = try #require(contacts.first { $0.name == "山田 太郎" })
            let editPath = "\(path)/\(target.id.lower)"
            let edit = try await client.page(.get, editPath, cookie: csm)
            #expect(edit.status == .ok)
            #expect(edit.html.contains("name=\"version\" value=\"1\""))
            #expect(edit.html.contains("この操作は取り消せません。"))
            let saved = try await client.page(
                .post, editPath, cookie: csm,
                form: Self.form([("version", "1"), ("name", "山田 太郎"), ("email", "yamada@hokusei.example"), ("role", "CIO"),
                                 ("external_id", "CRM-77"), ("decision_maker", "true")]))
            #expect(saved.status == .seeOther)
            let stale = try await client.page(
                .post, editPath, cookie: csm, form: Self.form([("version", "1"), ("name", "山田 次郎"), ("decision_maker", "true")]))
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("ほかの人がこの連絡先を更新しました。"))
            #expect(stale.html.contains("value=\"CIO\""))
            let badPhone = try await client.page(.post, editPath, cookie: csm, form: Self.form([("version", "2"), ("name", "山田 太郎"), ("phone", "電話")]))
            #expect(badPhone.status == .unprocessableContent)
            #expect(badPhone.html.contains("id=\"k-phone-error\""))
            #expect(badPhone.html.contains("value=\"電話\""))

            // A viewer and support read the contacts but get no form, and the POSTs are refused.
            for email in ["viewer2@alpha.example", "support@alpha.example"] {
                let session = try await client.signIn(a.slug, email, Self.password).session
                let page = try await client.page(.get, path, cookie: session)
                #expect(page.status == .ok)
                #expect(page.html.contains("山田 太郎"))
                #expect(!page.html.contains("id=\"crec-contact-form\""))
                #expect(!page.html.contains("action=\"\(path)\""))
                #expect(!page.html.contains("href=\"\(editPath)\""))
                #expect(try await client.page(.post, path, cookie: session, form: "name=x").status == .forbidden)
                #expect(try await client.page(.post, path, cookie: session, form: "name=&email=bad").status == .forbidden)
                #expect(try await client.page(.get, editPath, cookie: session).status == .forbidden)
                #expect(try await client.page(.post, editPath, cookie: session, form: "version=2&name=x").status == .forbidden)
                #expect(try await client.page(.post, "\(editPath)/erase", cookie: session).status == .forbidden)
            }

            // Another organisation: our pages are its 404, and its customer is ours.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.get, editPath, cookie: other).status == .notFound)
            #expect(try await client.page(.post, path, cookie: other, form: "name=x").status == .notFound)
            #expect(try await client.page(.post, "\(editPath)/erase", cookie: other).status == .notFound)
            #expect(try await client.page(.get, "/customers/\(beta.lower)/contacts", cookie: csm).status == .notFound)
            // A contact reached through another customer's path is not found either.
            let elsewhere = try await a.addCustomer(store, name: "別の顧客", owner: a.csm)
            #expect(try await client.page(.get, "/customers/\(elsewhere.lower)/contacts/\(target.id.lower)", cookie: csm).status == .notFound)

            // Erasure: the person is gone from the page; the row stays, anonymised.
            let erased = try await client.page(.post, "\(editPath)/erase", cookie: csm)
            #expect(erased.status == .seeOther)
            #expect(erased.headers[.location] == "\(path)?done=erased")
            let after = try await client.page(.get, "\(path)?done=erased", cookie: csm)
            #expect(after.html.contains("連絡先の個人情報を削除しました。"))
            #expect(after.html.contains("個人情報削除済みの連絡先"))
            for gone in ["山田", "yamada@hokusei.example", "CIO", "CRM-77"] { #expect(!after.html.contains(gone), "\(gone) still shows") }
            #expect(after.html.contains("相川 花子"))
            #expect(try await client.page(.get, editPath, cookie: csm).status == .conflict)
            #expect(!(try await client.page(.get, "/customers/\(id.lower)", cookie: csm).html.contains("山田")))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: csm, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: csm)
            #expect(english.html.contains("Contacts at 北星銀行"))
            #expect(english.html.contains("Erased contact"))
            #expect(english.html.contains("Add a contact"))
            let englishBad = try await client.page(.post, path, cookie: csm, form: Self.form([("name", "Jane"), ("email", "nope")]))
            #expect(englishBad.html.contains("The email address is not valid."))
        }
    }
}
