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

/// The meeting pages: the list, a body's form (refused in place), its series, one occurrence with its agenda,
/// minutes, decisions and action items, and the limits around them — a participant contributes but does not run
/// the meeting, a member of another organisation gets the 404 page, hostile input gets a 4xx page, never a 500.
/// The test clock stands at Tuesday 24 November 2026, 12:00 in Tokyo.
@Suite struct WebMeetingPagesTests {
    /// A body on the 2nd Tuesday 10:00 for the SMB team with the CSM taking part, made through the form.
    static func bodyForm(_ a: TenantOrg, name: String = "SMB%E5%AE%9A%E4%BE%8B") -> String {
        "name=\(name)&purpose=decide&objective=%E6%9B%B4%E6%96%B0%E3%81%AE%E6%96%B9%E9%87%9D%E3%82%92%E6%B1%BA%E3%82%81%E3%82%8B"
            + "&scope=team%3A\(a.smbTeam.lower)&facilitator=\(a.owner.lower)&participants%5B%5D=member%3A\(a.csm.lower)"
            + "&cadence=monthly&nth=2&weekday=2&time=10%3A00&shift=previous&duration=60&lead=2"
    }

    @Test func bodyFormSeriesAndTheLimitsAroundThem() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio

            let index = try await client.page(.get, "/meetings", cookie: owner)
            #expect(index.status == .ok)
            #expect(index.html.contains("href=\"/meetings/bodies/new\""))
            #expect(try await client.page(.get, "/meetings/bodies/new", cookie: owner).status == .ok)

            // Refused in place: the message beside the name, what was typed kept.
            let empty = try await client.page(.post, "/meetings/bodies/new", cookie: owner, form: Self.bodyForm(a, name: "+++"))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"name-error\""))
            #expect(empty.html.contains("更新の方針を決める"))
            let badTime = try await client.page(
                .post, "/meetings/bodies/new", cookie: owner, form: Self.bodyForm(a).replacingOccurrences(of: "time=10%3A00", with: "time=25%3A99"))
            #expect(badTime.status == .unprocessableContent)
            #expect(badTime.html.contains("id=\"cadence-error\""))
            let badDuration = try await client.page(
                .post, "/meetings/bodies/new", cookie: owner, form: Self.bodyForm(a).replacingOccurrences(of: "duration=60", with: "duration=9999"))
            #expect(badDuration.status == .unprocessableContent)
            #expect(badDuration.html.contains("id=\"duration-error\""))
            let hostile = try await client.page(
                .post, "/meetings/bodies/new", cookie: owner,
                form: Self.bodyForm(a).replacingOccurrences(of: "member%3A\(a.csm.lower)", with: "member%3Anot-a-uuid") + "&scope=%00")
            #expect((400..<500).contains(hostile.status.code))

            // The CSM may not make one: the form is not offered, and posting is refused.
            #expect(!(try await client.page(.get, "/meetings", cookie: csm).html.contains("href=\"/meetings/bodies/new\"")))
            #expect(try await client.page(.get, "/meetings/bodies/new", cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, "/meetings/bodies/new", cookie: csm, form: Self.bodyForm(a)).status == .forbidden)

            let made = try await client.page(.post, "/meetings/bodies/new", cookie: owner, form: Self.bodyForm(a))
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(location.firstMatch(of: /\/meeting-bodies\/([0-9a-f-]{36})/)?.output.1)
            let page = try await client.page(.get, location, cookie: owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("毎月第2火曜日 10:00（休業日なら前営業日）"))
            #expect(page.html.contains("2026年12月8日(火) 10:00"))
            #expect(page.html.contains("意思決定"))

            // The CSM takes part: sees the body and the coming meeting, but not the edit or archive controls.
            let seen = try await client.page(.get, "/meeting-bodies/\(id)", cookie: csm)
            #expect(seen.status == .ok)
            #expect(!seen.html.contains("/meeting-bodies/\(id)/edit"))
            let csmIndex = try await client.page(.get, "/meetings", cookie: csm)
            #expect(csmIndex.html.contains("2026年12月8日(火) 10:00"))
            #expect(try await client.page(.get, "/meeting-bodies/\(id)/edit", cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, "/meeting-bodies/\(id)/edit", cookie: csm, form: Self.bodyForm(a)).status == .forbidden)
            #expect(try await client.page(.get, "/meeting-bodies/\(id)/archive", cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, "/meeting-bodies/\(id)/archive", cookie: csm, form: "version=1").status == .forbidden)

            // Another organisation: the 404 page, for reading, editing and archiving.
            #expect(try await client.page(.get, "/meeting-bodies/\(id)", cookie: other).status == .notFound)
            #expect(try await client.page(.get, "/meeting-bodies/\(id)/edit", cookie: other).status == .notFound)
            #expect(try await client.page(.post, "/meeting-bodies/\(id)/archive", cookie: other, form: "version=1").status == .notFound)
            #expect(try await client.page(.get, "/meeting-bodies/not-a-uuid", cookie: owner).status == .notFound)

            // Edit: time boxes and a weekly cadence; a bad box is refused beside the template.
            let edit = try await client.page(.get, "/meeting-bodies/\(id)/edit", cookie: owner)
            #expect(edit.status == .ok)
            #expect(edit.html.contains("name=\"boxes[]\""))
            let weekly = Self.bodyForm(a).replacingOccurrences(of: "cadence=monthly", with: "cadence=weekly") + "&version=1"
            let badBox = try await client.page(.post, "/meeting-bodies/\(id)/edit", cookie: owner, form: weekly + "&boxes%5B%5D=999")
            #expect(badBox.status == .unprocessableContent)
            #expect(badBox.html.contains("id=\"template-error\""))
            let saved = try await client.page(
                .post, "/meeting-bodies/\(id)/edit", cookie: owner, form: weekly + (0..<5).map { _ in "&boxes%5B%5D=12" }.joined())
            #expect(saved.status == .seeOther)
            let after = try await client.page(.get, "/meeting-bodies/\(id)", cookie: owner)
            #expect(after.html.contains("毎週火曜日 10:00（休業日なら前営業日）"))
            #expect(after.html.contains("60分"))
            // A stale version is told in words, with what was typed kept.
            let stale = try await client.page(.post, "/meeting-bodies/\(id)/edit", cookie: owner, form: weekly)
            #expect(stale.status.code == 412 || stale.status == .conflict)
            #expect(stale.html.contains("他の人が先に変更しました"))

            // Archive: a second step, then the body's coming meetings are cancelled.
            let confirm = try await client.page(.get, "/meeting-bodies/\(id)/archive", cookie: owner)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("action=\"/meeting-bodies/\(id)/archive\""))
            let archived = try await client.page(.post, "/meeting-bodies/\(id)/archive", cookie: owner, form: "version=2")
            #expect(archived.status == .seeOther)
            let series = try await client.page(.get, "/meeting-bodies/\(id)", cookie: owner)
            #expect(series.html.contains("中止"))
        }
    }

    @Test func calendarURLIsShownOnceAndOnlyToItsMember() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio
            let issued = try await client.page(.post, "/meetings/calendar", cookie: csm, form: "body=")
            #expect(issued.status == .created)
            let url = try #require(issued.html.firstMatch(of: /value="([^"]+\/v1\/calendar\/[^"]+\.ics)"/)?.output.1)
            #expect(!url.isEmpty)
            let again = try await client.page(.get, "/meetings", cookie: csm)
            #expect(!again.html.contains(String(url)))
            #expect(!again.html.contains(".ics"))
            let feed = try #require(again.html.firstMatch(of: /\/meetings\/calendar\/([0-9a-f-]{36})\/revoke/)?.output.1)
            // Nobody else rotates or revokes it: as unknown to them as to another org.
            #expect(try await client.page(.post, "/meetings/calendar/\(feed)/rotate", cookie: owner, form: "").status == .notFound)
            #expect(try await client.page(.post, "/meetings/calendar/\(feed)/revoke", cookie: other, form: "").status == .notFound)
            let rotated = try await client.page(.post, "/meetings/calendar/\(feed)/rotate", cookie: csm, form: "")
            #expect(rotated.status == .created)
            #expect(!rotated.html.contains(String(url)))
            let newFeed = try #require(rotated.html.firstMatch(of: /\/meetings\/calendar\/([0-9a-f-]{36})\/revoke/)?.output.1)
            let revoked = try await client.page(.post, "/meetings/calendar/\(newFeed)/revoke", cookie: csm, form: "")
            #expect(revoked.status == .seeOther)
            #expect(try await client.page(.get, "/meetings", cookie: csm).html.contains("購読中のカレンダーはありません"))
            #expect(try await client.page(.post, "/meetings/calendar", cookie: csm, form: "body=nonsense").status == .notFound)
        }
    }
}
