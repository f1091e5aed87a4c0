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

/// The organization pages: the org chart and a position's charter (read by all, edited and staffed only by those
/// who manage positions), transfers with their preview (never of a higher-ranked member's work), and the member's
/// notification preferences — each in both languages, refused in place on bad input, another org's ids the 404 page.
@Suite struct WebOrganizationTests {
    static let password = "correct horse battery"

    /// A form body, each value escaped.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }

    /// Signs in the owner, the SMB manager and the SMB CSM of `a`, and the owner of `b`.
    static func sessions(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, _ services: AppServices) async throws
        -> (owner: String, manager: String, csm: String, other: String)
    {
        let hash = try await Secrets.hashPassword(password)
        try await services.store.tenant(a.orgID) { tx in
            try await MemberRepository.setPassword(tx, id: a.csm, hash: hash)
            try await MemberRepository.setPassword(tx, id: a.smbManager, hash: hash)
        }
        let owner = try #require(try await client.signIn(a.slug, "owner@alpha.example", password).session)
        let manager = try #require(try await client.signIn(a.slug, "manager@smb.example", password).session)
        let csm = try #require(try await client.signIn(a.slug, "csm@smb.example", password).session)
        let other = try #require(try await client.signIn(b.slug, "owner@beta.example", password).session)
        return (owner, manager, csm, other)
    }

    static func created(_ answer: PageAnswer, prefix: String) throws -> String {
        #expect(answer.status == .seeOther, "\(answer.status) \(answer.html.prefix(400))")
        let location = try #require(answer.headers[.location])
        #expect(location.hasPrefix(prefix), "\(location)")
        return String(location.dropFirst(prefix.count).prefix { $0 != "?" })
    }

    @Test func orgChartAndPositions() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)

            // The owner defines a head of CS and an SMB lead under it.
            let head = try Self.created(
                try await client.page(.post, "/org/positions", cookie: s.owner, form: Self.form([
                    ("name", "CS 本部長"), ("scope", "org"), ("reports_to", ""), ("responsibilities", "全社の GRR に責任を持つ\n\n解約予兆の早期発見"),
                    ("authority", "CSM の採用"),
                ])), prefix: "/org/positions/")
            let lead = try Self.created(
                try await client.page(.post, "/org/positions", cookie: s.owner, form: Self.form([
                    ("name", "SMB リーダー"), ("scope", "company:\(a.smb.lower)"), ("reports_to", head), ("responsibilities", "SMB の継続率"),
                ])), prefix: "/org/positions/")
            let nameless = try await client.page(.post, "/org/positions", cookie: s.owner, form: Self.form([("name", " "), ("scope", "org")]))
            #expect(nameless.status == .unprocessableContent)
            #expect(nameless.html.contains("id=\"org-name-error\""))
            #expect(nameless.html.contains("aria-invalid=\"true\""))

            // The chart: both, nested, the vacant one said in words; the create form for the owner.
            let chart = try await client.page(.get, "/org", cookie: s.owner)
            #expect(chart.status == .ok)
            #expect(chart.html.contains("CS 本部長") && chart.html.contains("SMB リーダー"))
            #expect(chart.html.contains("空席"))
            #expect(chart.html.contains("id=\"org-new-form\""))
            #expect(chart.html.contains("<details open>"))
            let filtered = try await client.page(.get, "/org?company=\(a.enterprise.lower)", cookie: s.owner)
            #expect(!filtered.html.contains(">SMB リーダー</a>"), "another company's positions are filtered out")
            #expect(try await client.page(.get, "/org?company=\(a.smb.lower)", cookie: s.owner).html.contains(">CS 本部長</a>"), "the line above is kept")

            // Appointing: a date in a wrong form is refused in place, with the choice kept.
            let badDay = try await client.page(.post, "/org/positions/\(lead)/holders", cookie: s.owner, form: Self.form([
                ("member", a.smbManager.lower), ("since", "2026/04/01"), ("primary", "1"),
            ]))
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.html.contains("id=\"org-since-error\""))
            #expect(badDay.html.contains("value=\"2026/04/01\""))
            #expect(badDay.html.contains("<option value=\"\(a.smbManager.lower)\" selected>"))
            let appointed = try await client.page(.post, "/org/positions/\(lead)/holders", cookie: s.owner, form: Self.form([
                ("member", a.smbManager.lower), ("since", "2026-04-01"), ("primary", "1"),
            ]))
            #expect(appointed.status == .seeOther)
            #expect(appointed.headers[.location] == "/org/positions/\(lead)?done=appointed")
            let position = try await client.page(.get, "/org/positions/\(lead)", cookie: s.owner)
            #expect(position.status == .ok)
            #expect(position.html.contains("manager さん"))
            #expect(position.html.contains("2026年4月1日(水)"))
            #expect(position.html.contains("SMB の継続率"))
            #expect(position.html.contains("href=\"/org/positions/\(head)\""), "the line upwards")
            #expect(position.html.contains("id=\"org-edit-form\"") && position.html.contains("id=\"org-appoint-form\""))
            let headPage = try await client.page(.get, "/org/positions/\(head)", cookie: s.owner)
            #expect(headPage.html.contains("解約予兆の早期発見") && headPage.html.contains("CSM の採用"))
            #expect(headPage.html.contains("href=\"/org/positions/\(lead)\""), "a direct report")

            // The charter: a line that would loop back is refused beside the field.
            let loop = try await client.page(.post, "/org/positions/\(head)", cookie: s.owner, form: Self.form([
                ("name", "CS 本部長"), ("reports_to", lead), ("responsibilities", "x"), ("authority", ""),
            ]))
            #expect(loop.status == .unprocessableContent)
            #expect(loop.html.contains("id=\"org-reports-to-error\""))
            #expect(loop.html.contains("循環"))
            let saved = try await client.page(.post, "/org/positions/\(head)", cookie: s.owner, form: Self.form([
                ("name", "CS 本部長"), ("reports_to", ""), ("responsibilities", "全社の NRR に責任を持つ"), ("authority", ""),
            ]))
            #expect(saved.headers[.location] == "/org/positions/\(head)?done=saved")
            #expect(try await client.page(.get, "/org/positions/\(head)", cookie: s.owner).html.contains("全社の NRR に責任を持つ"))

            // Ending the holding keeps it as history.
            let holding = try #require(position.html.firstMatch(of: /holders\/([0-9a-f-]{36})\/end/)).output.1
            let ended = try await client.page(.post, "/org/positions/\(lead)/holders/\(holding)/end", cookie: s.owner, form: "until=")
            #expect(ended.headers[.location] == "/org/positions/\(lead)?done=ended")
            let after = try await client.page(.get, "/org/positions/\(lead)", cookie: s.owner)
            #expect(after.html.contains("manager さん") && !after.html.contains("/holders/\(holding)/end"))

            // A CSM reads the chart and the charter, sees no form, and is refused (403) when posting anyway.
            let csmChart = try await client.page(.get, "/org", cookie: s.csm)
            #expect(csmChart.status == .ok)
            #expect(csmChart.html.contains("SMB リーダー"))
            #expect(!csmChart.html.contains("org-new-form"))
            let csmPosition = try await client.page(.get, "/org/positions/\(lead)", cookie: s.csm)
            #expect(csmPosition.status == .ok)
            #expect(!csmPosition.html.contains("org-edit-form") && !csmPosition.html.contains("org-appoint-form"))
            #expect(try await client.page(.post, "/org/positions", cookie: s.csm, form: "name=x&scope=org").status == .forbidden)
            #expect(try await client.page(.post, "/org/positions/\(lead)", cookie: s.csm, form: "name=x").status == .forbidden)
            let csmAppoint = try await client.page(
                .post, "/org/positions/\(lead)/holders", cookie: s.csm, form: "member=\(a.csm.lower)&since=not-a-date")
            #expect(csmAppoint.status == .forbidden, "the right is checked before the form")
            #expect(try await client.page(.post, "/org/positions/\(lead)/holders/\(holding)/end", cookie: s.csm, form: "until=").status == .forbidden)

            // Another organisation: the 404 page for reading and for every change.
            #expect(try await client.page(.get, "/org/positions/\(lead)", cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "/org/positions/\(lead)", cookie: s.other, form: "name=x").status == .notFound)
            #expect(try await client.page(.post, "/org/positions/\(lead)/holders", cookie: s.other, form: "member=\(a.csm.lower)").status == .notFound)
            #expect(try await client.page(.get, "/org/positions/not-an-id", cookie: s.owner).status == .notFound)
            #expect(!(try await client.page(.get, "/org", cookie: s.other).html.contains("SMB リーダー")))

            // In English.
            #expect(try await client.page(.post, "/me/locale", cookie: s.csm, form: "locale=en&back=/org").status == .seeOther)
            let english = try await client.page(.get, "/org", cookie: s.csm)
            #expect(english.html.contains("<html lang=\"en\">") && english.html.contains("Org chart"))
            let englishPosition = try await client.page(.get, "/org/positions/\(head)", cookie: s.csm)
            #expect(englishPosition.html.contains("Charter") && englishPosition.html.contains("Reporting line"))
        }
    }

    @Test func transfers() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            _ = try await SampleTree.make(client, a)
            let duty = try await client.call(.post, "/v1/accountabilities", token: a.ownerToken, json: body([
                "assignee_id": a.csm.lower, "subject_type": "duty", "duty": "オンボーディング資料の更新", "team_id": a.smbTeam.lower,
            ]))
            #expect(duty.status == .created)

            let page = try await client.page(.get, "/transfers", cookie: s.manager)
            #expect(page.status == .ok)
            #expect(page.html.contains("id=\"org-transfer-form\""))
            #expect(page.html.contains("人事異動"))

            // Refused in place: to oneself, an unknown member, nobody chosen.
            let same = try await client.page(.get, "/transfers/preview?from=\(a.csm.lower)&to=\(a.csm.lower)", cookie: s.manager)
            #expect(same.status == .unprocessableContent)
            #expect(same.html.contains("id=\"org-to-error\""))
            #expect(same.html.contains("<option value=\"\(a.csm.lower)\" selected>"))
            let unknown = try await client.page(.get, "/transfers/preview?from=\(b.csm.lower)&to=\(a.smbManager.lower)", cookie: s.manager)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.html.contains("id=\"org-from-error\""))
            let none = try await client.page(.post, "/transfers", cookie: s.manager, form: "from=&to=&note=")
            #expect(none.status == .unprocessableContent)
            #expect(none.html.contains("id=\"org-from-error\""))

            // The preview says what moves, and changes nothing.
            let preview = try await client.page(.get, "/transfers/preview?from=\(a.csm.lower)&to=\(a.smbManager.lower)&note=April+move", cookie: s.manager)
            #expect(preview.status == .ok)
            #expect(preview.html.contains("SMB GRR") && preview.html.contains("SMB NPS"))
            #expect(preview.html.contains("オンボーディング資料の更新"))
            #expect(preview.html.contains("目標 3 件"))
            #expect(preview.html.contains("id=\"org-confirm-form\""))
            #expect(preview.html.contains("name=\"note\" value=\"April move\""), "the note goes on to the confirming form")
            #expect(try await client.page(.get, "/transfers/preview?from=\(a.csm.lower)&to=\(a.smbManager.lower)&note=a%00b", cookie: s.manager).status == .unprocessableContent)
            try await check(await client.call(.get, "/v1/accountabilities?assignee_id=\(a.csm.lower)&state=pending,acknowledged", token: a.ownerToken).body.items.count == 1)

            // A manager does not move the owner's work, nor hand work to the owner.
            #expect(try await client.page(.get, "/transfers/preview?from=\(a.owner.lower)&to=\(a.smbManager.lower)", cookie: s.manager).status == .forbidden)
            #expect(try await client.page(.post, "/transfers", cookie: s.manager, form: "from=\(a.owner.lower)&to=\(a.csm.lower)").status == .forbidden)
            #expect(try await client.page(.post, "/transfers", cookie: s.manager, form: "from=\(a.csm.lower)&to=\(a.owner.lower)").status == .forbidden)

            // A CSM sees the page without the form and is refused every change.
            let csmPage = try await client.page(.get, "/transfers", cookie: s.csm)
            #expect(csmPage.status == .ok && !csmPage.html.contains("org-transfer-form"))
            #expect(try await client.page(.post, "/transfers", cookie: s.csm, form: "from=\(a.csm.lower)&to=\(a.smbManager.lower)").status == .forbidden)
            #expect(try await client.page(.get, "/transfers/preview?from=\(a.csm.lower)&to=\(a.csm.lower)", cookie: s.csm).status == .forbidden)

            // Confirmed: the record, and the work moved.
            let done = try await client.page(.post, "/transfers", cookie: s.manager, form: Self.form([
                ("from", a.csm.lower), ("to", a.smbManager.lower), ("note", "4月の人事異動"),
            ]))
            let id = try Self.created(done, prefix: "/transfers/")
            let record = try await client.page(.get, "/transfers/\(id)?done=transferred", cookie: s.manager)
            #expect(record.status == .ok)
            #expect(record.html.contains("class=\"notice\""))
            #expect(record.html.contains("SMB GRR") && record.html.contains("オンボーディング資料の更新") && record.html.contains("4月の人事異動"))
            try await check(await client.call(.get, "/v1/accountabilities?assignee_id=\(a.csm.lower)&state=pending,acknowledged", token: a.ownerToken).body.items.isEmpty)
            let list = try await client.page(.get, "/transfers", cookie: s.owner)
            #expect(list.html.contains("href=\"/transfers/\(id)\""))
            #expect(try await client.page(.get, "/transfers/\(id)", cookie: s.csm).status == .ok, "the member whose work moved reads the record")

            // Another organisation: the 404 page.
            #expect(try await client.page(.get, "/transfers/\(id)", cookie: s.other).status == .notFound)
            #expect(!(try await client.page(.get, "/transfers", cookie: s.other).html.contains(id)))

            // In English.
            #expect(try await client.page(.post, "/me/locale", cookie: s.manager, form: "locale=en&back=/transfers").status == .seeOther)
            let english = try await client.page(.get, "/transfers/\(id)", cookie: s.manager)
            #expect(english.html.contains("<html lang=\"en\">") && english.html.contains("What moved"))
            #expect(try await client.page(.get, "/transfers", cookie: s.manager).html.contains("Past transfers"))
        }
    }

    @Test func notificationPreferences() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            let page = try await client.page(.get, "/me/preferences", cookie: s.csm)
            #expect(page.status == .ok)
            #expect(page.html.contains("通知設定"))
            #expect(page.html.contains("value=\"check_in.due\" checked"), "every kind wanted at first")
            #expect(!page.html.contains("value=\"check_in.overdue\""), "escalations are not offered")

            let saved = try await client.page(.post, "/me/preferences", cookie: s.csm, form: Self.form([
                ("notify[]", "check_in.due"), ("notify[]", "accountability.assigned"), ("digest", "1"), ("digest_at", "08:30"),
                ("quiet_start", "22:00"), ("quiet_end", "07:00"),
            ]))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/me/preferences?done=saved")
            let after = try await client.page(.get, "/me/preferences?done=saved", cookie: s.csm)
            #expect(after.html.contains("class=\"notice\""))
            #expect(after.html.contains("value=\"check_in.due\" checked"))
            #expect(after.html.contains("value=\"accountability.assigned\" checked"))
            #expect(!after.html.contains("value=\"check_in.reviewed\" checked"))
            #expect(after.html.contains("id=\"org-digest\" name=\"digest\" type=\"checkbox\" value=\"1\" checked"))
            #expect(!after.html.contains("id=\"org-email\" name=\"email\" type=\"checkbox\" value=\"1\" checked"))
            #expect(after.html.contains("value=\"08:30\"") && after.html.contains("value=\"22:00\"") && after.html.contains("value=\"07:00\""))
            let api = try await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken).body
            #expect((api["muted_kinds"] as? [String])?.contains("check_in.reviewed") == true)
            #expect((api["muted_kinds"] as? [String])?.contains("check_in.due") == false)
            #expect(api["email"] as? Bool == false)

            // Refused in place, what was typed kept.
            let badTime = try await client.page(.post, "/me/preferences", cookie: s.csm, form: Self.form([
                ("notify[]", "check_in.due"), ("email", "1"), ("quiet_start", "25:00"), ("quiet_end", "07:00"),
            ]))
            #expect(badTime.status == .unprocessableContent)
            #expect(badTime.html.contains("id=\"org-quiet-start-error\""))
            #expect(badTime.html.contains("value=\"25:00\""))
            #expect(badTime.html.contains("id=\"org-email\" name=\"email\" type=\"checkbox\" value=\"1\" checked"))
            let half = try await client.page(.post, "/me/preferences", cookie: s.csm, form: "quiet_start=22%3A00&quiet_end=")
            #expect(half.status == .unprocessableContent)
            #expect(half.html.contains("id=\"org-quiet-end-error\""))
            let escalation = try await client.page(.post, "/me/preferences", cookie: s.csm, form: Self.form([("notify[]", "check_in.overdue")]))
            #expect(escalation.status == .unprocessableContent)
            #expect(escalation.html.contains("id=\"org-kinds-error\""))
            let unchanged = try await client.call(.get, "/v1/me/notification-preferences", token: a.csmToken).body
            #expect(unchanged["quiet_hours"] as? [String: Any] != nil, "refused forms change nothing")

            // Each member's own: another's session sees its own defaults; in English.
            let owner = try await client.page(.get, "/me/preferences", cookie: s.other)
            #expect(owner.html.contains("value=\"check_in.reviewed\" checked"))
            #expect(try await client.page(.post, "/me/locale", cookie: s.csm, form: "locale=en&back=/me/preferences").status == .seeOther)
            let english = try await client.page(.get, "/me/preferences", cookie: s.csm)
            #expect(english.html.contains("<html lang=\"en\">") && english.html.contains("Notification preferences"))
            #expect(english.html.contains("value=\"check_in.due\" checked"))
        }
    }
}
