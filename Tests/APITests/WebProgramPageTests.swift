import API
import Credentials
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
import Web

/// The success-program pages: the list with seed 002's figures and the capacity form, templates (refused in place,
/// archived after a confirming step), enrolling, and an enrolment's page — goal sheet, the three agreements and the
/// client's link, progress, sessions with the hour budget bars, presentation and result — with the limits around
/// them: another org's member gets 404, a reader who may not run the program gets no form and 403, hostile input a
/// 4xx. The test clock stands at Tuesday 24 November 2026, 12:00 in Tokyo.
@Suite struct WebProgramPageTests {
    static func enc(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    static func sheetForm(_ p: ProgramFixture, goal: String = "月次決算を3営業日早める", version: Int = 0) -> String {
        "version=\(version)&business_goal=\(enc(goal))&kpi_name=\(enc("月次決算の所要営業日数"))&kpi_baseline=8&kpi_target=5"
            + "&kpi_unit=\(enc("営業日"))&kpi_direction=down&usage_goal=\(enc("経理部の5人全員が予算ビューで締めを行う"))&usage_metric=active_users&usage_baseline=1"
            + "&usage_target=5&client_owner=\(p.owner)&decision_maker=\(p.decisionMaker)&decision_maker_comment=\(enc("全社展開の判断材料にしたい"))"
    }

    /// A viewer of SMB: reads its customers and programs, runs none.
    static func viewer(_ client: any TestClientProtocol, _ a: TenantOrg, _ services: AppServices) async throws -> String {
        let (id, _) = try await a.addMember(services.store, email: "viewer@smb.example", role: .viewer, scope: .company(a.smb), team: nil)
        let hash = try await Secrets.hashPassword(WebSessions.password)
        try await services.store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: id, hash: hash) }
        return try #require(try await client.signIn(a.slug, "viewer@smb.example", WebSessions.password).session)
    }

    @Test func enrolmentPageFromGoalSheetToResult() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio
            let viewer = try await Self.viewer(client, a, services)
            let path = "/enrolments/\(p.enrolment)"

            let first = try await client.page(.get, path, cookie: csm)
            #expect(first.status == .ok)
            #expect(first.html.contains("北海商事"))
            #expect(first.html.contains("ゴールシートはまだ作成されていません。"))
            #expect(first.html.contains("第1月（10月20日〜11月19日）"), "months counted from the 20th")
            #expect(first.html.contains("href=\"/customers/\(p.customer.lower)/success\""))

            // Another org's member, and ids that are no ids, get the 404 page.
            #expect(try await client.page(.get, path, cookie: other).status == .notFound)
            #expect(try await client.page(.post, path + "/agree", cookie: other, form: "version=1").status == .notFound)
            #expect(try await client.page(.get, "/enrolments/not-a-uuid", cookie: csm).status == .notFound)

            // Refused in place: the message beside its field, what was typed kept.
            let empty = try await client.page(.post, path + "/goal-sheet", cookie: csm, form: Self.sheetForm(p, goal: "   "))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"gs-business-goal-error\""))
            #expect(empty.html.contains("経理部の5人全員が予算ビューで締めを行う"))
            let same = try await client.page(
                .post, path + "/goal-sheet", cookie: csm, form: Self.sheetForm(p).replacingOccurrences(of: "decision_maker=\(p.decisionMaker)", with: "decision_maker=\(p.owner)"))
            #expect(same.status == .unprocessableContent)
            #expect(same.html.contains("id=\"gs-decision-maker-error\""))

            let saved = try await client.page(.post, path + "/goal-sheet", cookie: csm, form: Self.sheetForm(p))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == path + "?done=sheet#sheet-heading")
            var page = try await client.page(.get, path + "?done=sheet", cookie: csm)
            #expect(page.html.contains("ゴールシートを保存しました。"))
            #expect(page.html.contains("月次決算を3営業日早める"))
            #expect(page.html.contains("8 営業日") && page.html.contains("5 営業日"), "the KPI's figures carry their unit")
            #expect(page.html.contains("合意待ち 3 者"))

            // The CSM agrees; the client owner's link is shown once, and works signed out.
            #expect(try await client.page(.post, path + "/agree", cookie: csm, form: "version=1").status == .seeOther)
            let issued = try await client.page(.post, path + "/links", cookie: csm, form: "party=client_owner")
            #expect(issued.status == .created)
            let url = try #require(issued.html.firstMatch(of: /value="(http[^"]*\/g\/[^"]+)"/)?.output.1)
            #expect(issued.html.contains("有効期限: 2026年12月8日(火)"))
            let token = String(url[url.range(of: "/g/")!.upperBound...])
            let open = try await client.page(.get, "/g/" + token)
            #expect(open.status == .ok)
            #expect(open.html.contains("月次決算を3営業日早める"))
            #expect(try await client.page(.post, "/g/" + token, form: "").status == .ok)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("合意待ち 1 者"))
            #expect(!(try await client.page(.get, path, cookie: csm).html.contains(token)), "the link is shown only once")
            #expect(try await client.page(.post, path + "/links", cookie: csm, form: "party=csm").status == .unprocessableContent)
            #expect((400..<500).contains(try await client.page(.post, path + "/links", cookie: csm, form: "party=%00").status.code))

            // An edit after agreement says it needs agreeing again, and makes the agreements outdated.
            #expect(page.html.contains("id=\"reagree-note\""))
            #expect(try await client.page(.post, path + "/goal-sheet", cookie: csm, form: Self.sheetForm(p, goal: "月次決算を4営業日早める", version: 1)).status == .seeOther)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("旧版に合意"))
            // A stale version comes back in place.
            let stale = try await client.page(.post, path + "/goal-sheet", cookie: csm, form: Self.sheetForm(p, goal: "古い版からの保存", version: 1))
            #expect(stale.status == .preconditionFailed)
            #expect(stale.html.contains("ほかの人が先に変更しました"))
            #expect(stale.html.contains("古い版からの保存"))

            // Progress.
            #expect(try await client.page(.post, path + "/progress", cookie: csm, form: "kpi_actual=6.5&usage_actual=3").status == .seeOther)
            #expect(try await client.page(.post, path + "/progress", cookie: csm, form: "kpi_actual=abc&usage_actual=").status == .unprocessableContent)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("ゴールシートの進捗: 50%"))

            // Sessions: refused in place, then logged; month 2 goes 1.5 h over its 5 h.
            let noPerson = try await client.page(
                .post, path + "/sessions", cookie: csm, form: "kind=pair_support&planned_on=&held_on=2026-11-20&duration=390&supported=&practised=&notes=")
            #expect(noPerson.status == .unprocessableContent)
            #expect(noPerson.html.contains("id=\"ss-supported-error\""))
            #expect(noPerson.html.contains("value=\"390\""))
            let logged = try await client.page(
                .post, path + "/sessions", cookie: csm,
                form: "kind=pair_support&planned_on=&held_on=2026-11-20&duration=390&supported=\(p.owner)&practised=\(Self.enc("予算ビューでの締め"))"
                    + "&participants%5B%5D=\(p.owner)&notes=")
            #expect(logged.status == .seeOther)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("超過 1.5 時間"))
            #expect(page.html.contains("6.5 / 5 時間（130%）"))
            #expect(page.html.contains("予算ビューでの締め"))
            #expect(page.html.contains(">80%</text>") && page.html.contains(">100%</text>"))
            let sessionID = try #require(page.html.firstMatch(of: /sessions\/([0-9a-f-]{36})\/delete/)?.output.1)
            // Edited down to 4 h (80 %: a warning, not over), version-checked.
            let edited = try await client.page(
                .post, path + "/sessions/\(sessionID)", cookie: csm,
                form: "version=1&kind=pair_support&planned_on=&held_on=2026-11-20&duration=240&supported=\(p.owner)&practised=&notes=")
            #expect(edited.status == .seeOther)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("4 / 5 時間（80%）") && page.html.contains("80% 以上"))
            #expect(!page.html.contains("超過 1.5 時間"))
            #expect(!page.html.contains("Web.EnrolmentPage"), "a session without participants shows none, not the form's choices")
            #expect(try await client.page(.post, path + "/sessions/\(sessionID)/delete", cookie: csm, form: "version=1").status == .preconditionFailed)

            // Hostile input: 4xx, never 500.
            for form in [
                "kind=bogus&held_on=2026-11-20&duration=30", "kind=other&held_on=%00&duration=30",
                "kind=other&held_on=2026-11-20&duration=" + String(repeating: "9", count: 400),
                "kind=other&held_on=2026-13-45&duration=30", "kind=other&held_on=2026-11-20&duration=30&participants%5B%5D=not-a-uuid",
            ] {
                let answer = try await client.page(.post, path + "/sessions", cookie: csm, form: form)
                #expect((400..<500).contains(answer.status.code), "\(form): \(answer.status)")
            }
            #expect(try await client.page(.post, path + "/sessions/not-a-uuid", cookie: csm, form: "kind=other").status == .notFound)

            // A viewer reads the page without any form, and is refused on posting.
            let read = try await client.page(.get, path, cookie: viewer)
            #expect(read.status == .ok)
            #expect(!read.html.contains("action=\"\(path)/goal-sheet\""))
            #expect(!read.html.contains("action=\"\(path)/sessions\""))
            #expect(try await client.page(.post, path + "/sessions", cookie: viewer, form: "kind=other&planned_on=2026-12-01").status == .forbidden)
            #expect(try await client.page(.post, path + "/links", cookie: viewer, form: "party=client_owner").status == .forbidden)

            // Presentation, then the result, which completes the program and moves the customer to outcome.
            #expect(try await client.page(
                .post, path + "/presentation", cookie: csm, form: "version=1&scheduled_on=&held_on=2026-11-24&audience=abc&outcome=").status == .unprocessableContent)
            let presented = try await client.page(
                .post, path + "/presentation", cookie: csm, form: "version=1&scheduled_on=2026-11-24&held_on=2026-11-24&audience=12&outcome=\(Self.enc("部長が全社展開を決定"))")
            #expect(presented.status == .seeOther)
            let future = try await client.page(
                .post, path + "/result", cookie: csm, form: "version=2&goal_reached=yes&evidence=\(Self.enc("所要 8→5 日"))&decided_on=2026-12-24")
            #expect(future.status == .unprocessableContent)
            #expect(future.html.contains("id=\"rs-decided-on-error\""))
            #expect(future.html.contains("所要 8→5 日"))
            let result = try await client.page(
                .post, path + "/result", cookie: csm, form: "version=2&goal_reached=yes&evidence=\(Self.enc("所要 8→5 日"))&decided_on=2026-11-24")
            #expect(result.status == .seeOther)
            page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("目標を達成しました"))
            #expect(page.html.contains("部長が全社展開を決定"))
            #expect(page.html.contains("終了"))
            #expect(!page.html.contains("action=\"\(path)/sessions\""), "a finished program takes no more sessions")

            // In English for an English reader.
            _ = try await client.page(.post, "/me/locale", cookie: owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, path, cookie: owner)
            #expect(english.status == .ok)
            #expect(english.html.contains("Goal sheet") && english.html.contains("The goal was reached"))
            #expect(english.html.contains("Month 1 (20 Oct – 19 Nov)"))
        }
    }

    /// Running the program from its page: hand it to another CSM, change the client's participants, cancel it (the
    /// forms that write go, the hours stay) and resume it — refused in place for a CSM who may not run the customer,
    /// a contact of another customer, or a stale version; 403 for a viewer, 404 for another org.
    @Test func handOverCancelAndResume() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio
            let viewer = try await Self.viewer(client, a, services)
            let path = "/enrolments/\(p.enrolment)"
            let page = try await client.page(.get, path, cookie: csm)
            #expect(page.html.contains("id=\"manage-heading\"") && page.html.contains("action=\"\(path)/state\""))
            #expect(!(try await client.page(.get, path, cookie: viewer).html.contains("id=\"manage-heading\"")))
            #expect(try await client.page(.post, path + "/state", cookie: viewer, form: "version=1&state_change=cancel").status == .forbidden)
            #expect(try await client.page(.post, path + "/state", cookie: other, form: "version=1&state_change=cancel").status == .notFound)

            // A CSM may not hand the program up to her manager (no one reaches a person of higher rank); the owner
            // does, and only the decision maker takes part now.
            let upward = try await client.page(
                .post, path + "/manage", cookie: csm, form: "version=1&csm=\(a.smbManager.lower)&program_participants%5B%5D=\(p.decisionMaker)")
            #expect(upward.status == .forbidden)
            let handed = try await client.page(
                .post, path + "/manage", cookie: owner, form: "version=1&csm=\(a.smbManager.lower)&program_participants%5B%5D=\(p.decisionMaker)")
            #expect(handed.status == .seeOther, "\(handed.html.prefix(300))")
            let after = try await client.page(.get, path + "?done=managed", cookie: owner)
            #expect(after.html.contains("担当 CSM と参加者を保存しました。"))
            #expect(after.html.contains("value=\"\(a.smbManager.lower)\" selected"))
            #expect(!after.html.contains("id=\"pp-\(p.owner)\" name=\"program_participants[]\" value=\"\(p.owner)\" checked"))

            // A stale version, a contact that is not the customer's, a member id that is no id: refused in place.
            let stale = try await client.page(.post, path + "/manage", cookie: owner, form: "version=1&csm=\(a.csm.lower)")
            #expect(stale.status == .preconditionFailed)
            let strange = try await client.page(.post, path + "/manage", cookie: owner, form: "version=2&program_participants%5B%5D=\(UUID().uuidString)")
            #expect(strange.status == .unprocessableContent, "\(strange.status)")
            let hostile = try await client.page(.post, path + "/manage", cookie: owner, form: "version=2&csm=%00")
            #expect((400..<500).contains(hostile.status.code))
            #expect((400..<500).contains(try await client.page(.post, path + "/state", cookie: owner, form: "version=2&state_change=reopen").status.code))

            // Cancelled: the state says so, the writing forms are gone, resuming brings them back.
            #expect(try await client.page(.post, path + "/state", cookie: owner, form: "version=2&state_change=cancel").status == .seeOther)
            let cancelled = try await client.page(.get, path + "?done=cancelled", cookie: owner)
            #expect(cancelled.html.contains("中止") && !cancelled.html.contains("action=\"\(path)/sessions\""))
            #expect(cancelled.html.contains("プログラムを再開する"))
            #expect(try await client.page(.post, path + "/state", cookie: owner, form: "version=3&state_change=resume").status == .seeOther)
            let resumed = try await client.page(.get, path, cookie: owner)
            #expect(resumed.html.contains("action=\"\(path)/sessions\"") && resumed.html.contains("プログラムを中止する"))
        }
    }

    @Test func listTemplatesEnrolAndCapacity() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let p = try await ProgramFixture.make(client, a, services.store)
            let (owner, csm, other) = try await WebSessions.signIn(client, a, b, services).trio
            let viewer = try await Self.viewer(client, a, services)

            let index = try await client.page(.get, "/programs", cookie: owner)
            #expect(index.status == .ok)
            #expect(index.html.contains("北海商事"))
            #expect(index.html.contains("カバー率"))
            #expect(index.html.contains("href=\"/programs/templates/new\""))
            #expect(index.html.contains("aria-current=\"page\""))
            #expect(!(try await client.page(.get, "/programs", cookie: other).html.contains("北海商事")))
            #expect(try await client.page(.get, "/programs?scope=mine&state=completed", cookie: csm).html.contains("条件に合うプログラムはありません。"))
            #expect(try await client.page(.get, "/programs?state=%00", cookie: csm).status.code < 500)
            #expect(try await client.page(.get, "/programs?state=bogus", cookie: csm).status == .unprocessableContent)

            // Templates: refused in place, made, edited, archived after confirming; the CSM may not.
            #expect(try await client.page(.get, "/programs/templates/new", cookie: owner).status == .ok)
            let rows = "&kind%5B%5D=goal_setting&month%5B%5D=1&title%5B%5D=\(Self.enc("ゴール設定"))&kind%5B%5D=pair_support&month%5B%5D=&title%5B%5D="
            let noName = try await client.page(.post, "/programs/templates/new", cookie: owner, form: "name=&months=3&budget=5" + rows)
            #expect(noName.status == .unprocessableContent)
            #expect(noName.html.contains("id=\"tp-name-error\""))
            let tooMuch = try await client.page(.post, "/programs/templates/new", cookie: owner, form: "name=GPO&months=3&budget=6" + rows)
            #expect(tooMuch.status == .unprocessableContent)
            #expect(tooMuch.html.contains("id=\"tp-budget-error\"") && tooMuch.html.contains("value=\"GPO\""))
            let badMonth = try await client.page(
                .post, "/programs/templates/new", cookie: owner, form: "name=GPO&months=2&budget=5&kind%5B%5D=presentation&month%5B%5D=3&title%5B%5D=x")
            #expect(badMonth.status == .unprocessableContent)
            #expect(badMonth.html.contains("id=\"tp-sessions-error\""))
            #expect((400..<500).contains(try await client.page(
                .post, "/programs/templates/new", cookie: owner, form: "name=GPO&months=" + String(repeating: "9", count: 400) + "&budget=5").status.code))
            #expect(try await client.page(.get, "/programs/templates/new", cookie: csm).status == .forbidden)
            #expect(try await client.page(.post, "/programs/templates/new", cookie: csm, form: "name=GPO&months=3&budget=5" + rows).status == .forbidden)
            let made = try await client.page(.post, "/programs/templates/new", cookie: owner, form: "name=\(Self.enc("短期プログラム"))&months=2&budget=4.5" + rows)
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let templateID = try #require(location.firstMatch(of: /program-templates\/([0-9a-f-]{36})/)?.output.1)
            let shown = try await client.page(.get, location, cookie: owner)
            #expect(shown.status == .ok && shown.html.contains("短期プログラム") && shown.html.contains("月 4.5 時間"))
            let seen = try await client.page(.get, "/program-templates/\(templateID)", cookie: csm)
            #expect(seen.status == .ok && !seen.html.contains("id=\"template-form\""))
            #expect(try await client.page(.get, "/program-templates/\(templateID)", cookie: other).status == .notFound)
            #expect(try await client.page(
                .post, "/program-templates/\(templateID)", cookie: owner, form: "version=1&name=\(Self.enc("短期プログラム改"))&months=2&budget=4" + rows).status == .seeOther)
            #expect(try await client.page(.get, "/program-templates/\(templateID)/archive", cookie: owner).html.contains("アーカイブしますか"))
            #expect(try await client.page(.post, "/program-templates/\(templateID)/archive", cookie: csm, form: "version=2").status == .forbidden)
            #expect(try await client.page(.post, "/program-templates/\(templateID)/archive", cookie: owner, form: "version=2").status == .seeOther)
            #expect(!(try await client.page(.get, "/programs", cookie: owner).html.contains("短期プログラム改")))

            // Enrol: a second customer of the CSM's, with two contacts.
            let second = try await a.addCustomer(services.store, name: "南風物産", owner: a.csm)
            let contact = try await client.call(.post, "/v1/customers/\(second.lower)/contacts", token: a.ownerToken, json: body(["name": "大野 担当"]))
            let contactID = try #require(contact.body["id"] as? String)
            let form = try await client.page(.get, "/programs/enrol?customer=\(second.lower)", cookie: csm)
            #expect(form.status == .ok && form.html.contains("南風物産") && form.html.contains("大野 担当"))
            #expect(try await client.page(.get, "/programs/enrol", cookie: csm).html.contains("南風物産"))
            #expect(try await client.page(.get, "/programs/enrol?customer=\(second.lower)", cookie: other).status == .notFound)
            #expect(try await client.page(.get, "/programs/enrol?customer=%00", cookie: csm).status.code < 500)
            let noTemplate = try await client.page(
                .post, "/programs/enrol", cookie: csm, form: "customer=\(second.lower)&template=&start=2026-11-20&csm=\(a.csm.lower)")
            #expect(noTemplate.status == .unprocessableContent && noTemplate.html.contains("id=\"en-template-error\""))
            let badStart = try await client.page(
                .post, "/programs/enrol", cookie: csm, form: "customer=\(second.lower)&template=\(p.template)&start=2026-02-30&csm=\(a.csm.lower)")
            #expect(badStart.status == .unprocessableContent && badStart.html.contains("id=\"en-start-error\""))
            #expect(try await client.page(
                .post, "/programs/enrol", cookie: viewer, form: "customer=\(second.lower)&template=\(p.template)&start=2026-11-20").status == .forbidden)
            let enrolled = try await client.page(
                .post, "/programs/enrol", cookie: csm,
                form: "customer=\(second.lower)&template=\(p.template)&start=2026-11-20&csm=\(a.csm.lower)&participants%5B%5D=\(contactID)")
            #expect(enrolled.status == .seeOther)
            let enrolment = try await client.page(.get, try #require(enrolled.headers[.location]), cookie: csm)
            #expect(enrolment.status == .ok && enrolment.html.contains("南風物産") && enrolment.html.contains("プログラムに登録しました"))
            let twice = try await client.page(
                .post, "/programs/enrol", cookie: csm, form: "customer=\(second.lower)&template=\(p.template)&start=2026-11-20&csm=\(a.csm.lower)")
            #expect((400..<500).contains(twice.status.code))

            // Capacity: the CSM's manager sets it; the CSM may not; a bad figure is refused in place.
            _ = try await client.page(
                .post, "/enrolments/\(p.enrolment)/sessions", cookie: csm, form: "kind=other&held_on=2026-11-10&duration=120")
            let hours = try await client.page(.get, "/programs", cookie: owner)
            #expect(hours.html.contains("action=\"/programs/capacity/\(a.csm.lower)\""))
            #expect(hours.html.contains("2 / 120 時間（2%）"))
            let refusedCapacity = try await client.page(.post, "/programs/capacity/\(a.csm.lower)", cookie: owner, form: "hours=abc&version=0")
            #expect(refusedCapacity.status == .unprocessableContent)
            #expect(refusedCapacity.html.contains("id=\"capacity-\(a.csm.lower)-error\"") && refusedCapacity.html.contains("value=\"abc\""))
            #expect(try await client.page(.post, "/programs/capacity/\(a.csm.lower)", cookie: csm, form: "hours=200&version=0").status == .forbidden)
            #expect(try await client.page(.post, "/programs/capacity/not-a-uuid", cookie: owner, form: "hours=200").status == .notFound)
            #expect(try await client.page(.post, "/programs/capacity/\(a.csm.lower)", cookie: owner, form: "hours=80&version=0").status == .seeOther)
            #expect(try await client.page(.get, "/programs?done=capacity", cookie: owner).html.contains("2 / 80 時間"))
        }
    }
}
