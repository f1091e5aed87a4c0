import API
import Credentials
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Store
import Testing
import Web

/// One occurrence's page: the agenda shaped by its participants (add, reorder, take off, carry over), minutes kept
/// safe and version-checked, decisions, an action item that becomes its owner's accountability and links back,
/// attendance and cancelling for whoever runs the meeting, a private note nobody else reads — and another
/// organisation's member gets the 404 page for all of it.
@Suite struct WebMeetingOccurrenceTests {
    /// Makes the body through the form and answers the id of its next occurrence (Tuesday 8 December 2026, 10:00).
    static func nextMeeting(_ client: any TestClientProtocol, _ a: TenantOrg, owner: String) async throws -> String {
        let made = try await client.page(.post, "/meetings/bodies/new", cookie: owner, form: WebMeetingPagesTests.bodyForm(a))
        let location = try #require(made.headers[.location])
        let body = try await client.page(.get, location, cookie: owner)
        return try #require(body.html.firstMatch(of: /href="\/meetings\/([0-9a-f-]{36})"/)?.output.1).description
    }

    @Test func agendaMinutesDecisionsAndActions() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio
            let id = try await Self.nextMeeting(client, a, owner: owner)
            let path = "/meetings/\(id)"

            let page = try await client.page(.get, path, cookie: csm)
            #expect(page.status == .ok)
            #expect(page.html.contains("2026年12月8日(火) 10:00–11:00"))
            #expect(page.html.contains("自分用メモ"))
            // A participant contributes but does not run the meeting.
            #expect(page.html.contains("action=\"\(path)/agenda/items\""))
            #expect(!page.html.contains("action=\"\(path)/agenda/generate\""))
            #expect(!page.html.contains("action=\"\(path)/attendance\""))
            #expect(try await client.page(.post, "\(path)/agenda/generate", cookie: csm, form: "").status == .forbidden)
            #expect(try await client.page(.post, "\(path)/attendance", cookie: csm, form: "present%5B%5D=\(a.csm.lower)").status == .forbidden)
            #expect(try await client.page(.post, "\(path)/state", cookie: csm, form: "state=cancelled").status == .forbidden)

            let generated = try await client.page(.post, "\(path)/agenda/generate", cookie: owner, form: "")
            #expect(generated.status == .seeOther)

            // Items: refused in place when empty; added by the CSM; reordered with buttons named for the item.
            let empty = try await client.page(.post, "\(path)/agenda/items", cookie: csm, form: "section=renewals&title=")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"item-title-error\""))
            let unknownSection = try await client.page(.post, "\(path)/agenda/items", cookie: csm, form: "section=nope&title=x")
            #expect(unknownSection.status == .unprocessableContent)
            #expect(try await client.page(.post, "\(path)/agenda/items", cookie: csm, form: "section=renewals&title=%E5%A4%A7%E5%8F%A3%E9%A1%A7%E5%AE%A2%E3%81%AE%E6%9B%B4%E6%96%B0").status == .seeOther)
            #expect(try await client.page(.post, "\(path)/agenda/items", cookie: csm, form: "section=renewals&title=%3Cscript%3Ealert(1)%3C%2Fscript%3E").status == .seeOther)
            let withItems = try await client.page(.get, path, cookie: csm)
            #expect(withItems.html.contains("大口顧客の更新"))
            #expect(withItems.html.contains("『大口顧客の更新』を下へ"))
            #expect(!withItems.html.contains("<script>alert(1)"))
            #expect(withItems.html.contains("さんが追加"))
            let second = try #require(withItems.html.firstMatch(of: /agenda\/items\/([0-9a-f-]{36})\/move"[^>]*><input type="hidden" name="direction" value="up"/)?.output.1)
            #expect(try await client.page(.post, "\(path)/agenda/items/\(second)/move", cookie: csm, form: "direction=up").status == .seeOther)
            let moved = try await client.page(.get, path, cookie: csm).html
            let script = try #require(moved.range(of: "&lt;script&gt;alert(1)"))
            let big = try #require(moved.range(of: "大口顧客の更新"))
            #expect(script.lowerBound < big.lowerBound)
            #expect(try await client.page(.post, "\(path)/agenda/items/\(second)/move", cookie: csm, form: "direction=sideways").status == .unprocessableContent)
            #expect(try await client.page(.post, "\(path)/agenda/items/\(second)/carry-over", cookie: csm, form: "").status == .seeOther)
            #expect(try await client.page(.post, "\(path)/agenda/items/\(second)/remove", cookie: csm, form: "").status == .seeOther)
            #expect(!(try await client.page(.get, path, cookie: csm).html.contains("alert(1)")))

            // Minutes: Markdown rendered safely; a stale version keeps what was typed and says why.
            let minutes = "minutes=%23+%E6%B1%BA%E5%AE%9A%0A%0A-+%E6%9B%B4%E6%96%B0%E3%81%99%E3%82%8B%0A%0A%3Cimg+src%3Dx+onerror%3Dalert(1)%3E%0A%0A%5Bx%5D(javascript%3Aalert(1))"
            #expect(try await client.page(.post, "\(path)/minutes", cookie: csm, form: minutes + "&version=").status == .seeOther)
            let written = try await client.page(.get, path, cookie: owner).html
            #expect(written.contains("<li>更新する</li>"))
            #expect(!written.contains("<img src=x"))
            #expect(!written.contains("href=\"javascript:"))
            let stale = try await client.page(.post, "\(path)/minutes", cookie: owner, form: "minutes=%E5%8F%A4%E3%81%84%E7%89%88&version=1")
            #expect(stale.status.code == 412 || stale.status == .conflict)
            #expect(stale.html.contains("古い版"))
            #expect(stale.html.contains("他の人（または別のウィンドウ）が先に保存しました"))

            // Decisions and an action item for the CSM, which becomes their accountability and links back here.
            #expect(try await client.page(.post, "\(path)/decisions", cookie: csm, form: "text=&decided_by=").status == .unprocessableContent)
            #expect(try await client.page(.post, "\(path)/decisions", cookie: csm, form: "text=%E6%9B%B4%E6%96%B0%E3%81%99%E3%82%8B&decided_by=\(a.owner.lower)").status == .seeOther)
            #expect(try await client.page(.post, "\(path)/actions", cookie: owner, form: "title=x&owner=&due_date=").status == .unprocessableContent)
            let badDay = try await client.page(.post, "\(path)/actions", cookie: owner, form: "title=x&owner=\(a.csm.lower)&due_date=2026-13-45")
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.html.contains("id=\"action-error\""))
            #expect(try await client.page(.post, "\(path)/actions", cookie: owner, form: "title=x&owner=not-a-uuid&due_date=").status == .unprocessableContent)
            let action = try await client.page(
                .post, "\(path)/actions", cookie: owner,
                form: "title=%E6%8F%90%E6%A1%88%E6%9B%B8%E3%82%92%E9%80%81%E3%82%8B&owner=\(a.csm.lower)&due_date=2026-12-20")
            #expect(action.status == .seeOther)
            let recorded = try await client.page(.get, path, cookie: csm).html
            #expect(recorded.contains("決定者: owner さん") || recorded.contains("決定者: "))
            #expect(recorded.contains("提案書を送る"))
            #expect(recorded.contains("2026年12月20日(日)"))
            let accountabilities = try await client.page(.get, "/accountabilities", cookie: csm).html
            #expect(accountabilities.contains("提案書を送る"))
            #expect(accountabilities.contains("href=\"\(path)\""))

            // Attendance and the meeting's state are the runner's.
            let attended = try await client.page(
                .post, "\(path)/attendance", cookie: owner, form: "present%5B%5D=\(a.csm.lower)&attended%5B%5D=\(a.csm.lower)")
            #expect(attended.status == .seeOther)
            #expect(try await client.page(.get, path, cookie: owner).html.contains("<span class=\"badge\">出席</span>"))

            // The Markdown agenda, for the signed-in reader.
            let markdown = try await client.page(.get, "\(path)/agenda.md", cookie: csm)
            #expect(markdown.status == .ok)
            #expect(markdown.headers[.contentType]?.hasPrefix("text/markdown") == true)
            #expect(markdown.html.contains("SMB定例"))

            // My note: only mine.
            #expect(try await client.page(.post, "\(path)/note", cookie: csm, form: "body=%E7%A7%81%E3%81%AE%E3%83%A1%E3%83%A2&version=").status == .seeOther)
            #expect(try await client.page(.get, path, cookie: csm).html.contains("私のメモ"))
            #expect(!(try await client.page(.get, path, cookie: owner).html.contains("私のメモ")))

            // Another organisation: the 404 page, reading and writing; nonsense ids too.
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.get, "\(path)/agenda.md", cookie: other).status == .notFound)
            #expect(try await client.page(.post, "\(path)/minutes", cookie: other, form: "minutes=x").status == .notFound)
            #expect(try await client.page(.post, "\(path)/agenda/items", cookie: other, form: "section=renewals&title=x").status == .notFound)
            #expect(try await client.page(.post, "\(path)/actions", cookie: other, form: "title=x&owner=\(a.csm.lower)").status == .notFound)
            #expect(try await client.page(.get, "/meetings/not-a-uuid", cookie: owner).status == .notFound)
            #expect(try await client.page(.post, "\(path)/agenda/items/not-a-uuid/move", cookie: owner, form: "direction=up").status == .notFound)
            #expect((400..<500).contains(try await client.page(.post, "\(path)/minutes", cookie: owner, form: "minutes=%00").status.code))

            // Cancelled: calendars see it, and the page says so and offers no more work.
            let cancelled = try await client.page(.post, "\(path)/state", cookie: owner, form: "state=cancelled&version=")
            #expect(cancelled.status == .seeOther)
            let after = try await client.page(.get, path, cookie: csm).html
            #expect(after.contains("中止"))
            #expect(!after.contains("action=\"\(path)/agenda/items\""))
        }
    }

    @Test func movingTheMeetingIsReadInTheReadersZone() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let (owner, _, _) = try await WebSessions.signIn(client, a, b, services).trio
            let id = try await Self.nextMeeting(client, a, owner: owner)
            let path = "/meetings/\(id)"
            let refused = try await client.page(.post, "\(path)/reschedule", cookie: owner, form: "date=2026-12-09&time=late&duration=45&version=")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"move-error\""))
            #expect(refused.html.contains("value=\"late\""))
            let moved = try await client.page(.post, "\(path)/reschedule", cookie: owner, form: "date=2026-12-09&time=15%3A30&duration=45&version=")
            #expect(moved.status == .seeOther)
            let page = try await client.page(.get, path, cookie: owner).html
            #expect(page.contains("2026年12月9日(水) 15:30–16:15"))
            #expect(page.contains("日時変更"))
        }
    }
}
