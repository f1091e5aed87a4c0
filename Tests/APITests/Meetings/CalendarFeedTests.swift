import API
import Database
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing
import UseCases

/// What a calendar feed serves (issue 14): the member's or the body's occurrences from 60 days back to 13 months
/// ahead, at 10:00 in the org's zone, cancelled ones marked so, a moved one at its new time under the same UID —
/// and nothing of the agenda. Each served feed also goes to the real parser (check.py).
@Suite struct CalendarFeedTests {
    /// Org A's series, plus one occurrence 30 days back (in the window), one 90 days back and one in 2028 (both out
    /// of it); the third planned one cancelled, the fourth moved, and a customer's name and a figure on the
    /// first one's agenda.
    static func prepare(_ store: Store, _ a: TenantOrg) async throws -> (fixture: CalendarFeedFixture, past: UUID) {
        let fixture = try await CalendarFeedFixture.make(store, a, facilitator: a.smbManager)
        let series = fixture.series
        let past = UUID.v7()
        try await store.tenant(a.orgID) { tx in
            for (id, start) in [
                (past, "2026-10-25T10:00:00+09:00"), (UUID.v7(), "2026-08-25T10:00:00+09:00"), (UUID.v7(), "2028-02-08T10:00:00+09:00"),
            ] {
                let at = TestClock.instant(start)
                try await tx.execute(
                    """
                    INSERT INTO meeting (org_id, id, body_id, starts_at, ends_at, state)
                    VALUES (\(a.orgID), \(id), \(fixture.body.id), \(at), \(at.addingTimeInterval(3600)), 'held')
                    """)
            }
            try await MeetingRepository.cancel(tx, ids: [series[2].id])
            // Moved by hand to Wednesday 14:00: what the occurrence's reschedule does to the row.
            let moved = TestClock.instant("2027-03-10T14:00:00+09:00")
            try await tx.execute(
                """
                UPDATE meeting SET starts_at = \(moved), ends_at = \(moved.addingTimeInterval(3600)), rescheduled = true,
                    sequence = sequence + 1, updated_at = banso_now()
                WHERE org_id = \(a.orgID) AND id = \(series[3].id)
                """)
            try await tx.execute(
                """
                INSERT INTO agenda_item (org_id, id, meeting_id, section_key, position, origin, subject_type, subject_id, title, visibility)
                VALUES (\(a.orgID), \(UUID.v7()), \(series[0].id), 'renewals', 0, 'generated', 'customer', \(UUID.v7()),
                    '株式会社アクメ 更新判断 ¥12,000,000', '{}')
                """)
        }
        return (fixture, past)
    }

    @Test func theFacilitatorsFeedShowsTheSeriesInTokyoTimeAndNoAgenda() async throws {
        try await withTenants { client, a, _, services in
            let (fixture, past) = try await Self.prepare(services.store, a)
            let series = fixture.series
            #expect(series.count == 12 && series.first?.nominal == "2026-12-08T10:00")
            let path = try await client.issuedFeedPath(token: a.smbManagerToken, body: nil)
            let feed = try await client.fetchFeed(path)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.headers[.cacheControl] == "private, max-age=300")
            #expect(feed.headers[HTTPField.Name("X-Robots-Tag")!] == "noindex, nofollow")
            #expect(feed.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let text = feed.unfolded
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("X-WR-CALNAME:Banso — manager さん\r\n"))
            #expect(text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"))
            #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"))
            // The 12 planned ones and the one 30 days back; not the one 90 days back nor the one in 2028.
            #expect(feed.eventCount == 13)
            #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20261208T100000\r\nDTEND;TZID=Asia/Tokyo:20261208T110000\r\n"))
            #expect(!text.contains("20260825T") && !text.contains("20280208T"))
            #expect(text.components(separatedBy: "STATUS:CANCELLED").count == 2)
            #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20270310T140000\r\n") && !text.contains("20270309T"))
            // Times, titles and a link: never a customer's name or a figure from the agenda.
            for secret in ["アクメ", "12,000,000", "12\\,000\\,000", "更新判断"] { #expect(!text.contains(secret), "\(secret)") }
            let first = series[0].id.lower
            #expect(text.contains("URL:http://localhost:8080/meetings/\(first)\r\n"))
            #expect(text.contains(#"DESCRIPTION:目的: 意思決定\n更新と拡大の判断をする\n\nhttp://localhost:8080/meetings/\#(first)"#))

            // A poll with the ETag costs no download.
            let tag = try #require(feed.headers[.eTag])
            let again = try await client.fetchFeed(path, headers: [.ifNoneMatch: "W/\"stale\", \(tag)"])
            #expect(again.status == .notModified && again.text.isEmpty && again.headers[.eTag] == tag)
            #expect(try await client.fetchFeed(path, headers: [.ifNoneMatch: "\"other\""]).status == .ok)

            func local(_ m: Meeting) -> String { (m.nominal ?? "") + ":00" }
            var expected: [ICSExpectation.Event] = series.enumerated().map { index, m in
                let moved = index == 3
                return .init(
                    uid: "\(m.id.lower)@banso", summary: CalendarFeedFixture.bodyName, status: index == 2 ? "CANCELLED" : "CONFIRMED",
                    sequence: index == 2 || moved ? 1 : 0, tzid: "Asia/Tokyo", start: moved ? "2027-03-10T14:00:00" : local(m),
                    start_utc: moved ? "2027-03-10T05:00:00Z" : ICSExpectation.utc(m.startsAt),
                    end_utc: moved ? "2027-03-10T06:00:00Z" : ICSExpectation.utc(m.endsAt))
            }
            expected[0].description = "目的: 意思決定\n更新と拡大の判断をする\n\nhttp://localhost:8080/meetings/\(first)"
            expected[0].url = "http://localhost:8080/meetings/\(first)"
            expected.append(.init(uid: "\(past.lower)@banso", status: "CONFIRMED", tzid: "Asia/Tokyo", start: "2026-10-25T10:00:00",
                                  end: "2026-10-25T11:00:00", start_utc: "2026-10-25T01:00:00Z"))
            try ICSExpectation(
                calendar: .init(name: "Banso — manager さん", timezone: "Asia/Tokyo", method: "PUBLISH", refresh: "PT1H"),
                timezones: ["Asia/Tokyo": .init(standard: 1, daylight: 0)], events: expected,
                absent: ["アクメ", "12,000,000", "更新判断"]
            ).export("api-member-feed-tokyo", feed.text)
        }
    }

    @Test func aParticipantSeesOnlyTheOccurrencesTheyTakePartIn() async throws {
        try await withTenants { client, a, _, services in
            let fixture = try await CalendarFeedFixture.make(services.store, a, facilitator: a.smbManager)
            try await CalendarFeedFixture.addParticipant(services.store, a.orgID, a.owner, to: [fixture.series[1], fixture.series[5]])
            let feed = try await client.fetchFeed(try await client.issuedFeedPath(token: a.ownerToken, body: nil))
            #expect(feed.status == .ok && feed.eventCount == 2)
            for index in [1, 5] { #expect(feed.text.contains("UID:\(fixture.series[index].id.lower)@banso\r\n")) }

            // Someone in no meeting gets a valid calendar all the same, its zone defined (RFC 5545 wants a component).
            let empty = try await client.fetchFeed(try await client.issuedFeedPath(token: a.csmToken, body: nil))
            #expect(empty.status == .ok && empty.eventCount == 0)
            #expect(empty.text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"))
            try ICSExpectation(
                calendar: .init(name: "Banso — csm さん", timezone: "Asia/Tokyo"), timezones: ["Asia/Tokyo": .init(standard: 1, daylight: 0)],
                events: []
            ).export("api-empty-member-feed", empty.text)
        }
    }

    @Test func aBodyFeedLastsOnlyWhileTheMemberMayReadTheBody() async throws {
        try await withTenants { client, a, _, services in
            let fixture = try await CalendarFeedFixture.make(services.store, a, facilitator: a.smbManager)
            // The SMB team's CSM reads goals there, so may read the body.
            let path = try await client.issuedFeedPath(token: a.csmToken, body: fixture.body.id)
            let feed = try await client.fetchFeed(path)
            #expect(feed.status == .ok && feed.eventCount == 12)
            #expect(feed.text.contains("X-WR-CALNAME:\(CalendarFeedFixture.bodyName)\r\n"))
            try ICSExpectation(
                calendar: .init(name: CalendarFeedFixture.bodyName, timezone: "Asia/Tokyo"),
                events: fixture.series.map {
                    .init(uid: "\($0.id.lower)@banso", summary: CalendarFeedFixture.bodyName, status: "CONFIRMED", tzid: "Asia/Tokyo",
                          start: ($0.nominal ?? "") + ":00", start_utc: ICSExpectation.utc($0.startsAt))
                }
            ).export("api-body-feed-tokyo", feed.text)

            // Enterprise's viewer may not read it: the same 404 as a body that does not exist.
            let refused = try await client.issueFeed(token: a.viewerToken, body: fixture.body.id)
            let unknown = try await client.issueFeed(token: a.viewerToken, body: UUID())
            #expect(refused.status == .notFound && unknown.status == .notFound)
            #expect(refused.body["detail"] as? String == unknown.body["detail"] as? String)

            // The CSM loses their grant: the feed dies on its next fetch, answered like any unknown feed.
            let grant = try #require(try await client.call(.get, "/v1/grants?member_id=\(a.csm.lower)", token: a.ownerToken).body.items.first?["id"] as? String)
            #expect(try await client.call(.delete, "/v1/grants/\(grant)", token: a.ownerToken).status == .noContent)
            let dead = try await client.fetchFeed(path)
            let never = try await client.fetchFeed("/v1/calendar/bso_\(String(repeating: "x", count: 43)).ics")
            #expect(dead.status == .notFound && never.status == .notFound)
            #expect(dead.text == never.text.replacingOccurrences(of: Self.requestID(never.text), with: Self.requestID(dead.text)))
            #expect(!dead.text.contains("bso_"), "the answer does not echo the token")
        }
    }

    /// The request id inside a problem answer, the one part that differs between two requests.
    static func requestID(_ problem: String) -> String {
        let object = (try? JSONSerialization.jsonObject(with: Data(problem.utf8))) as? [String: Any]
        return object?["request_id"] as? String ?? ""
    }
}
