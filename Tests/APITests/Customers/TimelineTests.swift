import API
import Database
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@Suite struct TimelineTests {
    @Test func writeFilterEditAndTouch() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let path = "/v1/customers/\(world.own.lower)/timeline"
            let meeting = try await client.call(.post, path, token: a.csmToken, json: body([
                "kind": "meeting", "success_tag": "deep", "occurred_at": "2026-11-20T15:00:00+09:00",
                "title": "定例会", "body": "業務フローに組み込めた。部長も満足。"]))
            #expect(meeting.status == .created, "\(meeting.body)")
            #expect((meeting.body["author_id"] as? String)?.lowercased() == a.csm.lower)
            #expect(meeting.body["system"] as? Bool == false)
            let id = try #require(meeting.body["id"] as? String)
            // A meeting is a touch; a note is not.
            func lastTouch() async throws -> Date? {
                try await services.store.tenant(a.orgID) { tx in
                    try await tx.query("SELECT last_touch_at FROM customer WHERE org_id = \(tx.org) AND id = \(world.own)")[0].decode(Date?.self, at: 0)
                }
            }
            let meetingTime = try #require(ISO8601DateFormatter().date(from: "2026-11-20T06:00:00Z"))
            #expect(try await lastTouch() == meetingTime)
            let note = try await client.call(.post, path, token: world.support.token, json: body(["kind": "note", "success_tag": "light", "title": "社内メモ"]))
            #expect(note.status == .created)
            #expect(try await lastTouch() == meetingTime, "a note is not a touch")
            let older = try await client.call(.post, path, token: a.csmToken, json: body([
                "kind": "call", "occurred_at": "2026-10-01T10:00:00+09:00", "title": "電話"]))
            #expect(older.status == .created)
            #expect(try await lastTouch() == meetingTime, "an older touch does not move it back")

            // Filters: kind, tag; latest first.
            try await check(await client.call(.get, "\(path)?kind=meeting", token: a.csmToken).body.ids == [id.lowercased()])
            try await check(await client.call(.get, "\(path)?tag=light", token: a.csmToken).body.items.count == 1)
            let all = try await client.call(.get, path, token: world.support.token)
            #expect(all.body.items.compactMap { $0["title"] as? String } == ["社内メモ", "定例会", "電話"])
            let page = try await client.call(.get, "\(path)?limit=1", token: world.support.token)
            let cursor = try #require(page.body["next_cursor"] as? String)
            let next = try await client.call(.get, "\(path)?limit=2&cursor=\(cursor)", token: world.support.token)
            #expect(next.body.items.compactMap { $0["title"] as? String } == ["定例会", "電話"])

            // System kinds are the system's.
            let system = try await client.call(.post, path, token: a.ownerToken, json: body(["kind": "phase_change", "title": "x"]))
            #expect(system.status == .unprocessableContent)
            #expect(system.body["field"] as? String == "kind")
            let badTag = try await client.call(.get, "\(path)?tag=medium", token: a.csmToken)
            #expect(badTag.body["field"] as? String == "tag")

            // The author edits (If-Match honoured); moving the meeting moves the last touch with it.
            let stale = try await client.call(.patch, "/v1/timeline/\(id)", token: a.csmToken, json: body(["title": "x"]), headers: [.ifMatch: "\"v7\""])
            #expect(stale.status == .preconditionFailed)
            let moved = try await client.call(.patch, "/v1/timeline/\(id)", token: a.csmToken, json: body([
                "occurred_at": "2026-11-21T15:00:00+09:00", "success_tag": nil, "body": "解約予告期限の前に更新を確認"]), headers: [.ifMatch: "\"v1\""])
            #expect(moved.status == .ok, "\(moved.body)")
            #expect(moved.body["success_tag"] == nil)
            #expect(try await lastTouch() == meetingTime.addingTimeInterval(86_400))
            // The edit is searchable at once.
            try await check(await client.call(.get, "\(path)?q=解約予告", token: a.csmToken).body.ids == [id.lowercased()])
            // Another member may not edit it, a manager of the customer may; system entries stay as written.
            try await check(await client.call(.patch, "/v1/timeline/\(id)", token: world.support.token, json: body(["title": "x"])).status == .forbidden)
            try await check(await client.call(.patch, "/v1/timeline/\(id)", token: a.smbManagerToken, json: body(["title": "定例会（修正）"])).status == .ok)
            let ticket = try await client.call(.post, "/v1/customers/\(world.own.lower)/tickets", token: world.support.token, json: body(["title": "問い合わせ"]))
            #expect(ticket.status == .created)
            let event = try #require(try await client.call(.get, "\(path)?kind=ticket_event", token: a.ownerToken).body.items.first)
            #expect(event["system"] as? Bool == true)
            let eventID = try #require(event["id"] as? String)
            try await check(await client.call(.patch, "/v1/timeline/\(eventID)", token: a.ownerToken, json: body(["title": "x"])).status == .conflict)
            try await check(await client.call(.delete, "/v1/timeline/\(eventID)", token: a.ownerToken).status == .conflict)
            // Deleting the latest touch gives the last touch back to the one before.
            try await check(await client.call(.delete, "/v1/timeline/\(id)", token: a.csmToken).status == .noContent)
            #expect(try await lastTouch() == ISO8601DateFormatter().date(from: "2026-10-01T01:00:00Z"))
            try await check(await client.call(.delete, "/v1/timeline/\(id)", token: a.csmToken).status == .notFound)
        }
    }

    @Test func japaneseSearch() async throws {
        try await withTenants { client, a, _, services in
            let world = try await SupportWorld.make(a, services.store)
            let enterprise = try await a.addCustomer(services.store, name: "大手商事", company: a.enterprise, team: a.enterpriseTeam)
            func write(_ customer: UUID, _ title: String, _ text: String?) async throws -> String {
                let response = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: a.ownerToken, json: body([
                    "kind": "note", "title": title, "body": text]))
                #expect(response.status == .created, "\(response.body)")
                return try #require(response.body["id"] as? String).lowercased()
            }
            let cancel = try await write(world.own, "解約の相談", "来期の解約予告期限は 12 月末。")
            let notice = try await write(world.other, "更新の連絡", "解約予告の期限を確認しました")
            let scattered = try await write(world.other, "解約", "約予 予告")
            let katakana = try await write(world.own, "ｶﾀｶﾅの社名", "半角で登録されていた")
            let english = try await write(world.own, "Renewal Risk", "The CHAMPION left the company.")
            let hidden = try await write(enterprise, "解約の噂", nil)

            func search(_ q: String, token: String? = nil, extra: String = "") async throws -> Set<String> {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await client.call(.get, "/v1/timeline/search?q=\(encoded)\(extra)", token: token ?? world.support.token)
                #expect(response.status == .ok, "\(q): \(response.body)")
                return response.body.ids
            }
            // Two characters, which trigram indexes cannot serve.
            try await check(await search("解約") == [cancel, notice, scattered])
            // Four characters: the grams of 解約予告 are all in `scattered` too, but not in sequence — the recheck drops it.
            try await check(await search("解約予告") == [cancel, notice])
            // Width and kana fold: ｶﾀｶﾅ, カタカナ and かたかな find the same entry.
            try await check(await search("カタカナ") == [katakana])
            try await check(await search("ｶﾀｶﾅ") == [katakana])
            try await check(await search("かたかな") == [katakana])
            // English without regard to case, across title and body.
            try await check(await search("renewal risk") == [english])
            try await check(await search("champion") == [english])
            try await check(await search("ＣＨＡＭＰＩＯＮ") == [english], "full-width Latin")
            // One character.
            try await check(await search("約") == [cancel, notice, scattered])
            try await check(await search("社") == [katakana])
            // Only customers the reader reads: the owner sees Enterprise's entry, SMB's support does not.
            try await check(await search("解約", token: a.ownerToken) == [cancel, notice, scattered, hidden])
            // Narrowed by customer and kind; a customer's own timeline searches too.
            try await check(await search("解約", extra: "&customer_id=\(world.own.lower)") == [cancel])
            try await check(await search("解約", extra: "&kind=meeting").isEmpty)
            try await check(await client.call(.get, "/v1/customers/\(world.other.lower)/timeline?q=予告", token: a.csmToken).body.ids == [notice, scattered])
            // A blank query is refused.
            let blank = try await client.call(.get, "/v1/timeline/search?q=%20", token: world.support.token)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.body["field"] as? String == "q")
            let missing = try await client.call(.get, "/v1/timeline/search", token: world.support.token)
            #expect(missing.body["field"] as? String == "q")
        }
    }
}
