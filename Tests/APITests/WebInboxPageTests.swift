import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Web

/// The inbox page: reading it marks nothing; one read or all read by POST; another member's notification is not
/// found; the review queue lists what waits for the reader.
@Suite struct WebInboxPageTests {
    static let password = "correct horse battery"

    @Test func theInboxReadsWithoutMarkingAndMarksOnPost() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, _ in
            // Assigning an accountability to the owner puts a notification in the owner's inbox.
            let assigned = try await client.call(
                .post, "/v1/accountabilities", token: a.smbManagerToken,
                json: #"{"assignee_id":"\#(a.owner.lower)","subject_type":"duty","duty":"年度末の棚卸し","company_id":"\#(a.smb.lower)"}"#)
            #expect(assigned.status == .created)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let first = try await client.page(.get, "/me/notifications", cookie: session)
            #expect(first.status == .ok)
            #expect(first.html.contains("年度末の棚卸し"))
            #expect(first.html.contains("未読 1 件"))
            let again = try await client.page(.get, "/me/notifications", cookie: session)
            #expect(again.html.contains("未読 1 件"), "reading the page marks nothing")
            let inbox = try await client.call(.get, "/v1/me/notifications", token: a.ownerToken)
            let id = try #require(inbox.body.items.first?["id"] as? String)

            // Another organisation's member cannot mark it (not found), and it stays unread.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.post, "/me/notifications/read", cookie: other, form: "id=\(id)").status == .notFound)
            #expect(try await client.page(.get, "/me/notifications", cookie: session).html.contains("未読 1 件"))

            let read = try await client.page(.post, "/me/notifications/read", cookie: session, form: "id=\(id)")
            #expect(read.status == .seeOther)
            #expect(try await client.page(.get, "/me/notifications", cookie: session).html.contains("未読 0 件"))
            #expect(try await client.page(.get, "/reviews", cookie: session).status == .ok)
        }
    }
}
