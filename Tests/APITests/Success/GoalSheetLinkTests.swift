import API
import Domain
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Store
import TestSupport
import Testing
import Web

/// The goal sheet's client links end to end through the router: the owner and the decision maker each agree through
/// their own link without signing in, which with the CSM's agreement makes the sheet agreed; a link works once, dies
/// after 14 days, shows only its own sheet, refuses a cross-site post, and a sheet edited since the link was issued
/// asks for a new one.
@Suite struct GoalSheetLinkTests {
    static func get(_ client: any TestClientProtocol, _ path: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, html: String) {
        try await client.execute(uri: path, method: .get) { ($0.status, $0.headers, String(buffer: $0.body)) }
    }

    static func post(_ client: any TestClientProtocol, _ path: String, site: String = "same-origin") async throws -> (status: HTTPResponse.Status, html: String) {
        try await client.execute(
            uri: path, method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: site],
            body: ByteBuffer(string: "")
        ) { ($0.status, String(buffer: $0.body)) }
    }

    static func link(_ client: any TestClientProtocol, _ org: TenantOrg, _ enrolment: String, _ party: String) async throws -> String {
        let issued = try await client.call(.post, "/v1/enrolments/\(enrolment)/goal-sheet/links", token: org.csmToken, json: #"{"party":"\#(party)"}"#)
        #expect(issued.status == .created, "\(issued.body)")
        let url = try #require(issued.body["url"] as? String)
        #expect(url.hasPrefix("http://localhost:8080/g/bso_"))
        return String(url.dropFirst("http://localhost:8080".count))
    }

    @Test func bothClientPartiesAgreeThroughTheirOwnLinks() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON()).status == .ok)
            #expect(try await client.call(.post, "/v1/enrolments/\(p.enrolment)/goal-sheet/agree", token: a.csmToken, json: "{}").status == .ok)
            // A second customer's program, whose sheet must never show through the first one's links.
            let other = try await ProgramFixture.make(client, a, services.store, customerName: "南海物産")
            #expect(try await client.call(.put, "/v1/enrolments/\(other.enrolment)/goal-sheet", token: a.csmToken,
                                          json: other.sheetJSON(goal: "別プログラムの秘密の目標")).status == .ok)
            let owner = try await Self.link(client, a, p.enrolment, "client_owner")
            let decider = try await Self.link(client, a, p.enrolment, "decision_maker")

            let page = try await Self.get(client, owner)
            #expect(page.status == .ok)
            #expect(page.html.contains("月次決算を3営業日早める") && page.html.contains("北海商事") && page.html.contains("田中 業務責任者"))
            #expect(page.html.contains("8 営業日") && page.html.contains("5 営業日"), "the client reads the KPI with its unit")
            #expect(!page.html.contains("別プログラムの秘密の目標") && !page.html.contains("南海物産") && !page.html.contains("csm@smb.example"))
            #expect(page.html.contains(#"<meta name="robots" content="noindex, nofollow">"#))
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[HTTPField.Name("X-Robots-Tag")!]?.contains("noindex") == true)
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(!page.html.contains("<script") && !page.html.contains("style="))
            #expect(try await Self.get(client, owner + "?lang=en").html.contains("I agree to this goal sheet"))
            // Opening the page changes nothing.
            let untouched = try await client.call(.get, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken)
            #expect(untouched.body["pending_parties"] as? [String] == ["client_owner", "decision_maker"])

            // A cross-site post is refused.
            #expect(try await Self.post(client, owner, site: "cross-site").status == .forbidden)
            let agreed = try await Self.post(client, owner)
            #expect(agreed.status == .ok && agreed.html.contains("合意を記録しました"), "\(agreed.html)")
            // Used once: the same link now answers the neutral page, both to read and to post.
            #expect(try await Self.get(client, owner).status == .gone)
            #expect(try await Self.post(client, owner).status == .gone)
            #expect(try await Self.post(client, decider).status == .ok)

            let sheet = try await client.call(.get, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken)
            #expect(sheet.body["agreed"] as? Bool == true && (sheet.body["pending_parties"] as? [String])?.isEmpty == true, "\(sheet.body)")
            let agreements = sheet.body["agreements"] as? [[String: Any]] ?? []
            #expect(Set(agreements.compactMap { $0["person_id"] as? String }) == [a.csm.lower, p.owner, p.decisionMaker])
            #expect(agreements.allSatisfy { $0["sheet_version"] as? Int == 1 })
            // Unknown and malformed tokens get the same neutral page.
            let unknown = try await Self.get(client, "/g/bso_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            let malformed = try await Self.get(client, "/g/x")
            #expect(unknown.status == .gone && unknown.html == malformed.html)
        }
    }

    @Test func anEditedSheetAsksForANewLink() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON()).status == .ok)
            let owner = try await Self.link(client, a, p.enrolment, "client_owner")
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken,
                                          json: p.sheetJSON(goal: "月次決算を4営業日早める")).status == .ok)
            let stale = try await Self.post(client, owner)
            #expect(stale.status == .conflict && stale.html.contains("新しいリンク"), "\(stale.html)")
            #expect(!stale.html.contains("月次決算"), "nothing of the sheet is shown")
            let sheet = try await client.call(.get, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken)
            #expect((sheet.body["agreements"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aLinkExpiresAfterFourteenDays() async throws {
        let time = ManualTime(TestClock.reference)
        try await withApp(clock: .manual(time), extensions: [WebPages.register]) { client, services in
            let a = try await TenantOrg.make(services.store, name: "Alpha")
            let p = try await ProgramFixture.make(client, a, services.store)
            #expect(try await client.call(.put, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken, json: p.sheetJSON()).status == .ok)
            let owner = try await Self.link(client, a, p.enrolment, "client_owner")
            time.advance(by: 13 * 24 * 3600)
            #expect(try await Self.get(client, owner).status == .ok)
            time.advance(by: 2 * 24 * 3600)
            #expect(try await Self.get(client, owner).status == .gone)
            #expect(try await Self.post(client, owner).status == .gone)
            let sheet = try await client.call(.get, "/v1/enrolments/\(p.enrolment)/goal-sheet", token: a.csmToken)
            #expect((sheet.body["agreements"] as? [Any])?.isEmpty == true)
        }
    }
}
