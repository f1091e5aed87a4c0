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

/// Merging a duplicate record: a manager picks it, sees what moves and which record survives, confirms, and lands
/// on the survivor; a CSM is refused; restore brings an archived customer back, a merged one is refused with the
/// use case's message; another organisation's ids are the 404 page; both languages.
@Suite struct WebCustomerMergePageTests {
    static let password = "correct horse battery"

    @Test func aManagerMergesADuplicateAndRestoresAnArchivedCustomer() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, a.smbManager] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let survivor = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm)
            let duplicate = try await a.addCustomer(store, name: "北星銀行 (重複)", kana: "ホクセイギンコウ", owner: a.csm, externalID: "SF-9")
            let unrelated = try await a.addCustomer(store, name: "アサヒ物流", kana: "アサヒブツリュウ", owner: a.csm)
            let outside = try await a.addCustomer(store, name: "エンタープライズ社", company: a.enterprise, team: a.enterpriseTeam)
            try await a.addTicket(store, customer: duplicate, title: "ログインできない", priority: "high")
            try await a.addNPS(store, customer: duplicate, score: 9, on: "2026-10-15")
            try await store.tenant(a.orgID) { tx in
                let now = Date(timeIntervalSince1970: 1_790_000_000)
                _ = try await ContactRepository.insert(
                    tx,
                    Contact(
                        id: .v7(), customerID: duplicate, externalID: nil, name: "重複 側の人", email: nil, phone: nil, role: nil,
                        decisionMaker: true, erasedAt: nil, createdAt: now, updatedAt: now, version: 1))
            }
            let beta = try await b.addCustomer(store, name: "ベータ商事")
            let path = "/customers/\(survivor.lower)/merge"

            let manager = try await client.signIn(a.slug, "manager@smb.example", Self.password).session
            let page = try await client.page(.get, path, cookie: manager)
            #expect(page.status == .ok)
            #expect(page.html.contains("残るのはこの顧客「北星銀行」です。"))
            #expect(page.html.contains("value=\"\(duplicate.lower)\""))
            #expect(page.html.contains("value=\"\(unrelated.lower)\""))
            // Not itself, and not a customer the manager does not manage.
            #expect(!page.html.contains("value=\"\(survivor.lower)\""))
            #expect(!page.html.contains("value=\"\(outside.lower)\""))
            // A search narrows the choice.
            let searched = try await client.page(.get, "\(path)?q=%E9%87%8D%E8%A4%87", cookie: manager)
            #expect(searched.html.contains("value=\"\(duplicate.lower)\""))
            #expect(!searched.html.contains("value=\"\(unrelated.lower)\""))

            // The preview: what moves, which record survives; nothing changed yet.
            let preview = try await client.page(.get, "\(path)?duplicate=\(duplicate.lower)", cookie: manager)
            #expect(preview.status == .ok)
            #expect(preview.html.contains("「北星銀行 (重複)」の記録を「北星銀行」に移し"))
            #expect(preview.html.contains("<th scope=\"row\">サポートチケット</th><td class=\"num\">1</td>"))
            #expect(preview.html.contains("<th scope=\"row\">連絡先</th><td class=\"num\">1</td>"))
            #expect(preview.html.contains("<th scope=\"row\">NPS 回答</th><td class=\"num\">1</td>"))
            #expect(preview.html.contains("SF-9"))
            #expect(preview.html.contains("name=\"duplicate_id\" value=\"\(duplicate.lower)\""))
            let unchanged = try await store.tenant(a.orgID) { tx in try await CustomerRepository.get(tx, id: duplicate) }
            #expect(unchanged?.mergedInto == nil)
            // Itself, or an id that is not a customer, is refused in place.
            let itself = try await client.page(.get, "\(path)?duplicate=\(survivor.lower)", cookie: manager)
            #expect(itself.status == .unprocessableContent)
            #expect(itself.html.contains("id=\"crec-merge-error\""))
            #expect(try await client.page(.get, "\(path)?duplicate=nonsense", cookie: manager).status == .unprocessableContent)
            #expect(try await client.page(.post, path, cookie: manager, form: "duplicate_id=").status == .unprocessableContent)
            #expect(try await client.page(.post, path, cookie: manager, form: "duplicate_id=\(beta.lower)").status == .unprocessableContent)

            // A CSM may not merge: no page, and the POST is refused.
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, path, cookie: csm, form: "duplicate_id=\(duplicate.lower)").status == .forbidden)
            #expect(try await client.page(.post, path, cookie: csm, form: "duplicate_id=").status == .forbidden)

            // Another organisation: 404 both ways.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.post, path, cookie: other, form: "duplicate_id=\(duplicate.lower)").status == .notFound)
            #expect(try await client.page(.post, "/customers/\(survivor.lower)/restore", cookie: other).status == .notFound)
            #expect(try await client.page(.get, "/customers/\(beta.lower)/merge", cookie: manager).status == .notFound)

            // The merge: lands on the survivor; the duplicate's records are now the survivor's.
            let merged = try await client.page(.post, path, cookie: manager, form: "duplicate_id=\(duplicate.lower)")
            #expect(merged.status == .seeOther)
            #expect(merged.headers[.location] == "/customers/\(survivor.lower)?done=merged")
            let moved = try await store.tenant(a.orgID) { tx in
                (try await ContactRepository.list(tx, customer: survivor, after: nil, limit: 10).items,
                 try await CustomerRepository.get(tx, id: duplicate))
            }
            #expect(moved.0.map(\.name) == ["重複 側の人"])
            #expect(moved.1?.mergedInto == survivor)
            #expect(moved.1?.archivedAt != nil)
            #expect(try await client.page(.get, "/customers/\(survivor.lower)/contacts", cookie: manager).html.contains("重複 側の人"))
            // The merged record is no longer offered.
            #expect(!(try await client.page(.get, path, cookie: manager).html.contains("value=\"\(duplicate.lower)\"")))

            // Restore: a merged record is refused with the use case's message; an archived one comes back.
            let refused = try await client.page(.post, "/customers/\(duplicate.lower)/restore", cookie: manager)
            #expect(refused.status == .conflict)
            #expect(refused.html.contains("統合済みの顧客は復元できません。"))
            #expect(refused.html.contains("href=\"/customers/\(survivor.lower)\""))
            #expect(try await client.page(.post, "/customers/\(unrelated.lower)/restore", cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, "/customers/\(unrelated.lower)/archive", cookie: manager).status == .seeOther)
            #expect(try await client.page(.post, "/customers/\(unrelated.lower)/restore", cookie: csm).status == .forbidden)
            let restored = try await client.page(.post, "/customers/\(unrelated.lower)/restore", cookie: manager)
            #expect(restored.status == .seeOther)
            #expect(restored.headers[.location] == "/customers/\(unrelated.lower)?done=restored")
            let back = try await store.tenant(a.orgID) { tx in try await CustomerRepository.get(tx, id: unrelated) }
            #expect(back?.archivedAt == nil)
            let twice = try await client.page(.post, "/customers/\(unrelated.lower)/restore", cookie: manager)
            #expect(twice.status == .conflict)
            #expect(twice.html.contains("この顧客はアーカイブされていません。"))

            // An archived survivor cannot take a merge: the page says to restore it first.
            #expect(try await client.page(.post, "/customers/\(unrelated.lower)/archive", cookie: manager).status == .seeOther)
            let archivedPage = try await client.page(.get, "/customers/\(unrelated.lower)/merge", cookie: manager)
            #expect(archivedPage.html.contains("先に復元してください。"))
            #expect(!archivedPage.html.contains("id=\"m-duplicate\""))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: manager, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: manager)
            #expect(english.html.contains("北星銀行 is the record that survives."))
            let englishRefused = try await client.page(.post, "/customers/\(duplicate.lower)/restore", cookie: manager)
            #expect(englishRefused.html.contains("A merged customer cannot be restored"))
        }
    }
}
