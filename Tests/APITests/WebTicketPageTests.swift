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

/// The support pages: a support engineer records a ticket on a customer's tickets page, works it from the queue
/// (first response, CSAT refused in place when off the scale, resolve, reopen), flags an expansion signal that hands
/// off to the owning CSM; a viewer sees no form and is refused; another org's ticket is the 404 page; support never
/// sees a contract value on any of these pages.
@Suite struct WebTicketPageTests {
    static let password = "correct horse battery"

    static func ticketID(_ location: String?) throws -> String {
        let location = try #require(location)
        #expect(location.hasPrefix("/tickets/"))
        return String(location.dropFirst("/tickets/".count).prefix { $0 != "?" })
    }

    static func version(_ html: String) throws -> String {
        let marker = "name=\"version\" value=\""
        let start = try #require(html.range(of: marker))
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test func supportRecordsWorksAndHandsOffATicket() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let store = services.store
            let hash = try await Secrets.hashPassword(Self.password)
            let support = try await a.addMember(store, email: "support@alpha.example", role: .support, scope: .company(a.smb), team: nil)
            let viewer = try await a.addMember(store, email: "viewer2@alpha.example", role: .viewer, scope: .company(a.smb), team: nil)
            try await store.tenant(a.orgID) { tx in
                for id in [a.csm, support.id, viewer.id] { try await MemberRepository.setPassword(tx, id: id, hash: hash) }
            }
            let customer = try await a.addCustomer(store, name: "北星銀行", kana: "ホクセイギンコウ", owner: a.csm, phase: .outcome)
            try await a.addContract(store, customer: customer, arr: 1_234_567, start: "2024-01-01", end: "2026-12-31")
            try await a.addTicket(store, customer: customer, title: "古い問い合わせ", priority: "low")
            let tickets = "/customers/\(customer.lower)/tickets"

            let session = try #require(try await client.signIn(a.slug, "support@alpha.example", Self.password).session)
            let list = try await client.page(.get, tickets, cookie: session)
            #expect(list.status == .ok)
            #expect(list.html.contains("<h1>北星銀行 のチケット</h1>"))
            #expect(list.html.contains("class=\"tabs cust-tabs\""))
            #expect(list.html.contains("id=\"ticket-form\""))
            #expect(list.html.contains("成果創出"), "the phase the ticket will record")
            #expect(list.html.contains("古い問い合わせ"))

            // A blank subject comes back beside its field, with what was typed.
            let blank = try await client.page(
                .post, tickets, cookie: session, form: "title=&priority=urgent&description=%E3%83%AD%E3%82%B0%E3%82%A4%E3%83%B3%E4%B8%8D%E5%8F%AF")
            #expect(blank.status == .unprocessableContent)
            #expect(blank.html.contains("id=\"t-title-error\""))
            #expect(blank.html.contains("aria-invalid=\"true\""))
            #expect(blank.html.contains("ログイン不可"))
            let badWhen = try await client.page(.post, tickets, cookie: session, form: "title=x&priority=high&opened_at=yesterday")
            #expect(badWhen.status == .unprocessableContent)
            #expect(badWhen.html.contains("id=\"t-opened-error\""))

            let created = try await client.page(
                .post, tickets, cookie: session,
                form: "title=%E3%83%AD%E3%82%B0%E3%82%A4%E3%83%B3%E3%81%A7%E3%81%8D%E3%81%AA%E3%81%84&priority=urgent&product=Portal&source=&external_id=&opened_at=&description=SSO%20%E3%81%8C%E5%A4%B1%E6%95%97%E3%81%99%E3%82%8B")
            #expect(created.status == .seeOther)
            let id = try Self.ticketID(created.headers[.location])
            let path = "/tickets/\(id)"

            var page = try await client.page(.get, path + "?done=created", cookie: session)
            #expect(page.status == .ok)
            #expect(page.html.contains("<h1>ログインできない</h1>"))
            #expect(page.html.contains("チケットを登録しました。"))
            #expect(page.html.contains("SSO が失敗する"), "the description")
            #expect(page.html.contains("成果創出"), "the phase at opening")
            #expect(page.html.contains("未応答"))
            #expect(page.html.contains("id=\"ticket-edit\""))
            #expect(page.html.contains("id=\"signal-form\""))
            #expect(page.html.contains("チケット受付: ログインできない"), "the timeline event")

            // The queue: urgent first; the filter finds it.
            let queue = try await client.page(.get, "/tickets?priority=urgent", cookie: session)
            #expect(queue.status == .ok)
            #expect(queue.html.contains("サポートキュー"))
            #expect(queue.html.contains("ログインできない"))
            #expect(!queue.html.contains("古い問い合わせ"))
            let all = try await client.page(.get, "/tickets", cookie: session).html
            let urgent = try #require(all.range(of: "ログインできない"))
            let low = try #require(all.range(of: "古い問い合わせ"))
            #expect(urgent.lowerBound < low.lowerBound, "urgent before low")
            #expect(try await client.page(.get, "/tickets?q=%E3%83%9B%E3%82%AF%E3%82%BB%E3%82%A4", cookie: session).html.contains("ログインできない"))
            #expect(!(try await client.page(.get, "/tickets?q=%E5%8D%97%E6%B5%B7", cookie: session).html.contains("ログインできない")))

            // A first response, a CSAT off the scale refused beside its field, resolving.
            var version = try Self.version(page.html)
            #expect(try await client.page(.post, path + "/action", cookie: session, form: "action=respond&version=\(version)").status == .seeOther)
            page = try await client.page(.get, path, cookie: session)
            #expect(page.html.contains("受付から"))
            #expect(!page.html.contains("value=\"respond\""))
            version = try Self.version(page.html)
            let opened = try #require(page.html.range(of: "name=\"opened_at\" type=\"datetime-local\" value=\"")).upperBound
            let openedAt = String(page.html[opened...].prefix { $0 != "\"" }).replacingOccurrences(of: ":", with: "%3A")
            let badCSAT = try await client.page(
                .post, path, cookie: session,
                form: "version=\(version)&title=x&status=resolved&priority=urgent&product=Portal&opened_at=\(openedAt)&first_response_at=&resolved_at=&csat=9")
            #expect(badCSAT.status == .unprocessableContent)
            #expect(badCSAT.html.contains("id=\"e-csat-error\""))
            #expect(badCSAT.html.contains("CSAT は 1〜5 の整数で入力してください。"))
            #expect(badCSAT.html.contains("value=\"9\""))
            let saved = try await client.page(
                .post, path, cookie: session,
                form: "version=\(version)&title=%E3%83%AD%E3%82%B0%E3%82%A4%E3%83%B3%E3%81%A7%E3%81%8D%E3%81%AA%E3%81%84&status=resolved&priority=urgent&product=Portal&opened_at=\(openedAt)&first_response_at=\(openedAt)&resolved_at=&csat=4")
            #expect(saved.status == .seeOther)
            page = try await client.page(.get, path, cookie: session)
            #expect(page.html.contains("4 / 5"))
            #expect(page.html.contains("解決済み"))
            #expect(page.html.contains("チケット解決: ログインできない"))
            // The version sent with the edit is now stale.
            let stale = try await client.page(
                .post, path, cookie: session,
                form: "version=\(version)&title=x&status=resolved&priority=urgent&opened_at=\(openedAt)&csat=4")
            #expect(stale.status == .conflict)
            #expect(stale.html.contains("ほかの人が更新しました"))
            #expect(stale.html.contains("value=\"4\""), "the current values")
            #expect(!(try await client.page(.get, "/tickets", cookie: session).html.contains("ログインできない")), "resolved leaves the open queue")
            #expect(try await client.page(.get, "/tickets?status=resolved", cookie: session).html.contains("ログインできない"))
            version = try Self.version(page.html)
            #expect(try await client.page(.post, path + "/action", cookie: session, form: "action=reopen&version=\(version)").status == .seeOther)
            page = try await client.page(.get, path, cookie: session)
            #expect(page.html.contains("チケット再オープン"))

            // The expansion signal: a blank note refused in place, then handed to the owning CSM.
            let noNote = try await client.page(.post, path + "/expansion-signal", cookie: session, form: "note=&hand_to=csm&due_date=")
            #expect(noNote.status == .unprocessableContent)
            #expect(noNote.html.contains("id=\"s-note-error\""))
            let raised = try await client.page(
                .post, path + "/expansion-signal", cookie: session,
                form: "note=%E3%83%A9%E3%82%A4%E3%82%BB%E3%83%B3%E3%82%B9%E3%82%92%2050%20%E5%A2%97%E3%82%84%E3%81%97%E3%81%9F%E3%81%84&hand_to=csm&due_date=")
            #expect(raised.status == .seeOther)
            page = try await client.page(.get, path, cookie: session)
            #expect(page.html.contains("ライセンスを 50 増やしたい"))
            #expect(page.html.contains("href=\"/accountabilities/"))
            #expect(page.html.contains("csm さん"))
            #expect(!page.html.contains("id=\"signal-form\""), "no second hand-off while the first is open")
            let json = try await client.call(.get, "/v1/tickets/\(id)", token: a.ownerToken).body
            let handoff = try #require((json["handoff_id"] as? String).flatMap { UUID(uuidString: $0) })
            let item = try await store.tenant(a.orgID) { tx in try await AccountabilityRepository.get(tx, id: handoff) }
            #expect(item?.assigneeID == a.csm)
            #expect(item?.subjectID == customer)
            #expect(try await client.page(.get, "/tickets?signal=1&status=all", cookie: session).html.contains("ログインできない"))

            // Support never sees a contract value on these pages.
            for shown in [path, tickets, "/tickets", "/tickets?status=all"] {
                let html = try await client.page(.get, shown, cookie: session).html
                #expect(!html.contains("1,234,567"), "\(shown)")
                #expect(!html.contains("/revenue"), "\(shown)")
            }

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: session, form: "locale=en&back=%2F")
            #expect(try await client.page(.get, "/tickets?status=all", cookie: session).html.contains("Support queue"))
            let english = try await client.page(.get, path, cookie: session).html
            #expect(english.contains("Expansion signal"))
            #expect(english.contains("Phase at opening"))
            #expect(try await client.page(.get, tickets, cookie: session).html.contains("Tickets of 北星銀行"))

            // A viewer reads but is offered no form and refused on every POST.
            let viewing = try #require(try await client.signIn(a.slug, "viewer2@alpha.example", Self.password).session)
            let read = try await client.page(.get, path, cookie: viewing)
            #expect(read.status == .ok)
            for form in ["id=\"ticket-edit\"", "id=\"signal-form\"", "value=\"resolve\"", "value=\"reopen\""] { #expect(!read.html.contains(form)) }
            #expect(!(try await client.page(.get, tickets, cookie: viewing).html.contains("id=\"ticket-form\"")))
            #expect(try await client.page(.post, tickets, cookie: viewing, form: "title=x&priority=low").status == .forbidden)
            #expect(try await client.page(.post, path, cookie: viewing, form: "version=1&title=x&status=open&priority=low&opened_at=2026-10-01T10%3A00&csat=9").status == .forbidden)
            #expect(try await client.page(.post, path + "/action", cookie: viewing, form: "action=resolve").status == .forbidden)
            #expect(try await client.page(.post, path + "/expansion-signal", cookie: viewing, form: "note=&hand_to=csm").status == .forbidden)

            // Another organisation: the 404 page, for reading and for writing.
            _ = try await b.addCustomer(store, name: "ベータ商事")
            let other = try #require(try await client.signIn(b.slug, "owner@beta.example", Self.password).session)
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.post, path, cookie: other, form: "version=1&title=x&status=open&priority=low&opened_at=2026-10-01T10%3A00").status == .notFound)
            #expect(try await client.page(.post, path + "/action", cookie: other, form: "action=resolve").status == .notFound)
            #expect(try await client.page(.post, path + "/expansion-signal", cookie: other, form: "note=x&hand_to=csm").status == .notFound)
            #expect(try await client.page(.get, tickets, cookie: other).status == .notFound)
            #expect(try await client.page(.post, tickets, cookie: other, form: "title=x&priority=low").status == .notFound)
            #expect(!(try await client.page(.get, "/tickets?status=all", cookie: other).html.contains("ログインできない")))
            #expect(try await client.page(.get, "/tickets/not-a-uuid", cookie: session).status == .notFound)
        }
    }
}
