import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Web

/// The dashboards page: a month's completion, off-track goals and reviews pending, in the reader's language; a
/// reader without the right to review sees no reviewer table.
@Suite struct WebDashboardPageTests {
    @Test func theDashboardShowsTheMonthAndWhatIsOffTrack() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, _ in
            let tree = try await SampleTree.make(client, a)
            // The CSM reports GRR off track for November.
            let recorded = try await client.call(
                .put, "/v1/goals/\(tree.grr)/check-ins/2026-11", token: a.csmToken,
                json: #"{"actual": 80, "confidence": "off_track", "submit": true}"#)
            #expect(recorded.status == .ok || recorded.status == .created, "\(recorded.body)")
            let session = try await client.signIn(a.slug, "owner@alpha.example", "correct horse battery").session
            let page = try await client.page(.get, "/dashboards?month=2026-11", cookie: session)
            #expect(page.status == .ok)
            #expect(page.html.contains("2026年11月"))
            #expect(page.html.contains("id=\"dash-reviews\""), "the owner reviews check-ins")
            #expect(page.html.contains("/goals/\(tree.grr)"), "GRR is off track")
            let other = try await client.signIn(b.slug, "owner@beta.example", "correct horse battery").session
            let theirs = try await client.page(.get, "/dashboards?month=2026-11&company=\(a.smb.lower)", cookie: other)
            #expect(!theirs.html.contains("/goals/\(tree.grr)"), "another org sees none of it")
        }
    }
}
