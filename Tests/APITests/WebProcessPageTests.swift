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

/// The standard-process pages (seed 000): the list with adoption per company and health by process, a process's
/// form and page, the draft editor with its RACI rows and the publishing step, the report, and a customer's process
/// tab — with the limits around them: a CSM reads but gets no forms and a 403 on every POST, another organisation
/// gets the 404 page, refused input comes back in place (422, the typed value kept, the message beside its field),
/// hostile input gets a 4xx page, never a 500. The test clock stands at Tuesday 24 November 2026, 12:00 in Tokyo.
@Suite struct WebProcessPageTests {
    static func enc(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

    /// One editor row, as the form posts it (`row` is its index on the page).
    static func row(
        _ row: Int, name: String, days: String = "10", exit: String = "完了条件", r: String, a: String, c: [String] = [], id: String = "",
        order: String? = nil
    ) -> String {
        "&step_id%5B%5D=\(id)&order%5B%5D=\(order ?? String(row + 1))&name%5B%5D=\(enc(name))&days%5B%5D=\(days)&exit%5B%5D=\(enc(exit))"
            + "&responsible%5B%5D=\(r)&accountable%5B%5D=\(a)" + c.map { "&consulted%5B%5D=\(row)%3A\($0)" }.joined()
    }

    static func blank(_ row: Int) -> String {
        "&step_id%5B%5D=&order%5B%5D=\(row + 1)&name%5B%5D=&days%5B%5D=&exit%5B%5D=&responsible%5B%5D=&accountable%5B%5D="
    }

    @Test func listAdoptionAndHealthByProcess() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services)
            let position = try await ProcessFixture.position(client, a, "SMB 担当 CSM")
            let published = try await ProcessFixture.published(
                client, a, name: "標準オンボーディング", steps: ProcessFixture.twoSteps(position), standard: true)
            try await a.addCustomer(services.store, name: "テスト商事", company: a.smb)

            let index = try await client.page(.get, "/processes", cookie: s.owner)
            #expect(index.status == .ok)
            #expect(index.html.contains("標準オンボーディング"))
            #expect(index.html.contains("組織の標準"))
            #expect(index.html.contains("カンパニー別の採用状況"))
            #expect(index.html.contains("プロセス・バージョン別のヘルスグレード分布"))
            #expect(index.html.contains("プロセスなし"))
            #expect(index.html.contains("href=\"/processes/new\""))
            #expect(index.html.contains("action=\"/processes/adoption/\(a.smb.lower)\""))
            #expect(index.html.contains("aria-current=\"page\""))

            // The CSM reads, but is offered neither a new process nor an adoption, and is refused both.
            let seen = try await client.page(.get, "/processes", cookie: s.csm)
            #expect(seen.status == .ok)
            #expect(seen.html.contains("標準オンボーディング"))
            #expect(!seen.html.contains("href=\"/processes/new\""))
            #expect(!seen.html.contains("action=\"/processes/adoption/"))
            let adoptForm = "version=\(published.version)&adopted_on="
            #expect(try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.csm, form: adoptForm).status == .forbidden)
            #expect(try await client.page(.get, "/processes/new", cookie: s.csm).status == .forbidden)

            // The SMB manager adopts v1 for SMB; the page then says so.
            let adopted = try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.manager, form: adoptForm)
            #expect(adopted.status == .seeOther)
            #expect(adopted.headers[.location]?.hasPrefix("/processes?done=adopted") == true)
            let after = try await client.page(.get, "/processes?done=adopted", cookie: s.manager)
            #expect(after.html.contains("採用するバージョンを登録しました"))
            #expect(after.html.contains("採用中: 標準オンボーディング v1"))
            // … but not for Enterprise, where the manager has no say.
            #expect(try await client.page(.post, "/processes/adoption/\(a.enterprise.lower)", cookie: s.manager, form: adoptForm).status
                == .forbidden)

            // Refused in place: the same version again, a day that is not one — beside the company's form, typed kept.
            let again = try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.manager, form: adoptForm)
            #expect(again.status == .conflict)
            #expect(again.html.contains("id=\"adopt-\(a.smb.lower)-error\""))
            #expect(again.html.contains("このカンパニーはすでにこのバージョンを採用しています"))
            let badDay = try await client.page(
                .post, "/processes/adoption/\(a.smb.lower)", cookie: s.manager, form: "version=\(published.version)&adopted_on=2026-13-45")
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.html.contains("value=\"2026-13-45\""))
            #expect(badDay.html.contains("YYYY-MM-DD"))
            let noVersion = try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.manager, form: "version=&adopted_on=")
            #expect(noVersion.status == .unprocessableContent)
            #expect(noVersion.html.contains("バージョンを選んでください"))

            // Hostile input: 4xx, never 500.
            for form in ["version=not-a-uuid", "version=\(published.version)&adopted_on=" + String(repeating: "9", count: 400),
                         "version=\(published.version)%00", "version=\(published.version)&adopted_on=2027-12-31"] {
                let answer = try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.manager, form: form)
                #expect((400..<500).contains(answer.status.code), "\(form): \(answer.status)")
            }
            #expect(try await client.page(.post, "/processes/adoption/not-a-uuid", cookie: s.owner, form: adoptForm).status == .notFound)

            // Another organisation: the company and the version are not its own.
            #expect(try await client.page(.post, "/processes/adoption/\(a.smb.lower)", cookie: s.other, form: adoptForm).status == .notFound)
            let theirs = try await client.page(.get, "/processes", cookie: s.other)
            #expect(theirs.status == .ok)
            #expect(!theirs.html.contains("標準オンボーディング"))

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/processes", cookie: s.owner)
            #expect(english.html.contains("Adoption by company"))
            #expect(english.html.contains("Health grades by process and version"))
            #expect(english.html.contains("Runs 標準オンボーディング v1"))
        }
    }

    @Test func processFormDraftEditorAndPublishing() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services)
            let lead = try await ProcessFixture.position(client, a, "CS リーダー")
            let csm = try await ProcessFixture.position(client, a, "担当 CSM")
            let ops = try await ProcessFixture.position(client, a, "CS オペレーション")

            // The form, refused in place.
            #expect(try await client.page(.get, "/processes/new", cookie: s.owner).status == .ok)
            let empty = try await client.page(.post, "/processes/new", cookie: s.owner, form: "name=+++&summary=\(Self.enc("導入から定着まで"))")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.html.contains("id=\"name-error\""))
            #expect(empty.html.contains("導入から定着まで"))
            #expect(try await client.page(.post, "/processes/new", cookie: s.csm, form: "name=x").status == .forbidden)
            let made = try await client.page(
                .post, "/processes/new", cookie: s.owner, form: "name=\(Self.enc("新プロセス"))&summary=\(Self.enc("導入から定着まで"))")
            #expect(made.status == .seeOther)
            let location = try #require(made.headers[.location])
            let id = try #require(location.firstMatch(of: /\/processes\/([0-9a-f-]{36})\/versions\/1/)?.output.1)
            let editor = "/processes/\(id)/versions/1"

            // The empty draft: three blank rows with position selects and C/I checkboxes.
            let draft = try await client.page(.get, location, cookie: s.owner)
            #expect(draft.status == .ok)
            #expect(draft.html.contains("標準プロセスを作成しました"))
            #expect(draft.html.components(separatedBy: "name=\"name[]\"").count == 4)
            #expect(draft.html.contains("value=\"0:\(ops)\""))
            #expect(draft.html.contains("<option value=\"\(lead)\">CS リーダー</option>"))

            // A row without its accountable position: the message beside the row, the typed name kept.
            let noA = try await client.page(
                .post, editor, cookie: s.owner,
                form: "revision=1&intent=save" + Self.row(0, name: "キックオフ", r: csm, a: "") + Self.blank(1) + "&notes=")
            #expect(noA.status == .unprocessableContent)
            #expect(noA.html.contains("id=\"step-0-error\""))
            #expect(noA.html.contains("説明責任者（A）"))
            #expect(noA.html.contains("value=\"キックオフ\""))
            // The second row moved first by its order number; a refusal on it lands beside the row it was typed in.
            let badSecond = try await client.page(
                .post, editor, cookie: s.owner,
                form: "revision=1" + Self.row(0, name: "キックオフ", r: csm, a: lead) + Self.row(1, name: "初期設定", days: "0", r: csm, a: lead, order: "0"))
            #expect(badSecond.status == .unprocessableContent)
            #expect(badSecond.html.contains("id=\"step-1-error\""))
            #expect(!badSecond.html.contains("id=\"step-0-error\""))

            // Hostile rows: 4xx, never 500.
            for form in ["revision=1" + Self.row(0, name: "x", days: String(repeating: "9", count: 400), r: csm, a: lead),
                         "revision=1" + Self.row(0, name: "x", r: "not-a-uuid", a: lead),
                         "revision=1" + Self.row(0, name: "x", r: csm, a: lead) + "&consulted%5B%5D=zz",
                         "revision=1" + Self.row(0, name: "x", r: csm, a: lead) + "&consulted%5B%5D=0%3A\(UUID().uuidString)",
                         "revision=1" + Self.row(0, name: "x", r: csm, a: lead) + "&notes=a%00b",
                         "revision=1" + Self.row(0, name: "x", r: csm, a: lead, id: "nope")] {
                let answer = try await client.page(.post, editor, cookie: s.owner, form: form)
                #expect((400..<500).contains(answer.status.code), "\(form): \(answer.status)")
            }
            #expect(try await client.page(.get, "/processes/\(id)/versions/abc", cookie: s.owner).status == .notFound)
            #expect(try await client.page(.get, "/processes/\(id)/versions/999999999999", cookie: s.owner).status == .notFound)
            #expect(try await client.page(.get, "/processes/not-a-uuid", cookie: s.owner).status == .notFound)

            // Saved: two steps with RACI, the second moved above the first by its order number.
            let saved = try await client.page(
                .post, editor, cookie: s.owner,
                form: "revision=1&intent=save" + Self.row(0, name: "初期設定", r: csm, a: lead, c: [ops], order: "2")
                    // Several R (RACI has one A): the lead beside the CSM; the CSM checked again is still one.
                    + "&r_more%5B%5D=0%3A\(lead)&r_more%5B%5D=0%3A\(csm)"
                    + Self.row(1, name: "キックオフ", r: csm, a: lead, order: "1") + Self.blank(2) + "&notes=\(Self.enc("最初の版"))")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "\(editor)?done=saved")
            let reread = try await client.page(.get, "\(editor)?done=saved", cookie: s.owner)
            #expect(reread.html.contains("下書きを保存しました"))
            let kickoff = try #require(reread.html.range(of: "value=\"キックオフ\""))
            let setup = try #require(reread.html.range(of: "value=\"初期設定\""))
            #expect(kickoff.lowerBound < setup.lowerBound)
            #expect(reread.html.contains("value=\"1:\(ops)\" checked"))
            #expect(reread.html.contains("id=\"r-1-\(lead)\" name=\"r_more[]\" value=\"1:\(lead)\" checked"), "the further R, checked")
            let steps = try await client.call(.get, "/v1/processes/\(id)/versions/1", token: a.ownerToken).body["steps"] as? [[String: Any]] ?? []
            #expect(((steps.last?["raci"] as? [String: Any])?["responsible"] as? [String]) == [csm, lead], "\(steps)")
            // A save based on the first revision is told in words.
            let stale = try await client.page(
                .post, editor, cookie: s.owner, form: "revision=1" + Self.row(0, name: "キックオフ", r: csm, a: lead))
            #expect(stale.status.code == 412)
            #expect(stale.html.contains("ほかの方が先に変更しました"))

            // The CSM reads the draft, read-only, and is refused its writes.
            let csmView = try await client.page(.get, editor, cookie: s.csm)
            #expect(csmView.status == .ok)
            #expect(!csmView.html.contains("class=\"prc-editor\""))
            #expect(csmView.html.contains("キックオフ"))
            #expect(try await client.page(.post, editor, cookie: s.csm, form: "revision=2" + Self.row(0, name: "x", r: csm, a: lead)).status
                == .forbidden)
            #expect(try await client.page(.post, editor, cookie: s.csm, form: "revision=2" + Self.row(0, name: "x", days: "abc", r: csm, a: lead))
                .status == .forbidden)
            #expect(try await client.page(.get, "\(editor)/publish", cookie: s.csm).status == .forbidden)
            #expect(try await client.page(.post, "\(editor)/publish", cookie: s.csm, form: "revision=2").status == .forbidden)

            // Another organisation: the 404 page everywhere.
            for path in ["/processes/\(id)", editor, "\(editor)/publish", "/processes/\(id)/report", "/processes/\(id)/edit"] {
                #expect(try await client.page(.get, path, cookie: s.other).status == .notFound, "\(path)")
            }
            #expect(try await client.page(.post, "\(editor)/publish", cookie: s.other, form: "revision=2").status == .notFound)

            // Publishing: a confirming step, then frozen.
            let confirm = try await client.page(.get, "\(editor)/publish", cookie: s.owner)
            #expect(confirm.status == .ok)
            #expect(confirm.html.contains("このバージョンを公開しますか"))
            #expect(confirm.html.contains("action=\"\(editor)/publish\""))
            let published = try await client.page(.post, "\(editor)/publish", cookie: s.owner, form: "revision=2")
            #expect(published.status == .seeOther)
            #expect(published.headers[.location] == "/processes/\(id)?done=published")
            let page = try await client.page(.get, "/processes/\(id)?done=published", cookie: s.owner)
            #expect(page.html.contains("バージョンを公開しました"))
            #expect(page.html.contains("公開済み"))
            #expect(page.html.contains("CS オペレーション"))
            #expect(page.html.contains("最初の版"))
            #expect(page.html.contains("href=\"/processes/\(id)/report\""))
            let frozen = try await client.page(.get, editor, cookie: s.owner)
            #expect(!frozen.html.contains("class=\"prc-editor\""))
            #expect(frozen.html.contains("公開済みのため変更できません"))
            let late = try await client.page(.post, editor, cookie: s.owner, form: "revision=3" + Self.row(0, name: "x", r: csm, a: lead))
            #expect(late.status == .conflict)

            // The next draft: refused to the CSM, started by the owner from the published steps.
            #expect(try await client.page(.post, "/processes/\(id)/versions", cookie: s.csm, form: "version=").status == .forbidden)
            let next = try await client.page(.post, "/processes/\(id)/versions", cookie: s.owner, form: "version=")
            #expect(next.status == .seeOther)
            #expect(next.headers[.location] == "/processes/\(id)/versions/2?done=drafted")
            let second = try await client.page(.get, "/processes/\(id)/versions/2", cookie: s.owner)
            #expect(second.html.contains("value=\"キックオフ\""))
            #expect(second.html.components(separatedBy: "name=\"name[]\"").count == 6)

            // Editing the process: refused in place, then saved; archiving takes a second step, refused to the CSM.
            let blankName = try await client.page(.post, "/processes/\(id)/edit", cookie: s.owner, form: "name=&summary=x&version=1")
            #expect(blankName.status == .unprocessableContent)
            #expect(blankName.html.contains("id=\"name-error\""))
            let renamed = try await client.page(
                .post, "/processes/\(id)/edit", cookie: s.owner, form: "name=\(Self.enc("新プロセス改"))&summary=x&standard=yes&version=1")
            #expect(renamed.status == .seeOther)
            #expect(try await client.page(.get, "/processes/\(id)", cookie: s.owner).html.contains("このプロセスが組織の標準です"))
            #expect(try await client.page(.post, "/processes/\(id)/edit", cookie: s.csm, form: "name=x&version=2").status == .forbidden)
            #expect(try await client.page(.get, "/processes/\(id)/archive", cookie: s.csm).status == .forbidden)
            let archiveStep = try await client.page(.get, "/processes/\(id)/archive", cookie: s.owner)
            #expect(archiveStep.html.contains("この標準プロセスをアーカイブしますか"))
            #expect(try await client.page(.post, "/processes/\(id)/archive", cookie: s.csm, form: "version=2").status == .forbidden)
            // The org's standard is not archived (the error page says why); another process is, and leaves the list.
            let standard = try await client.page(.post, "/processes/\(id)/archive", cookie: s.owner, form: "version=2")
            #expect(standard.status == .conflict)
            #expect(standard.html.contains("組織の標準プロセスはアーカイブできません"))
            let spare = try await client.page(.post, "/processes/new", cookie: s.owner, form: "name=\(Self.enc("予備プロセス"))&summary=")
            let spareID = try #require(spare.headers[.location]?.firstMatch(of: /\/processes\/([0-9a-f-]{36})\//)?.output.1)
            #expect(try await client.page(.get, "/processes", cookie: s.owner).html.contains("予備プロセス"))
            let archived = try await client.page(.post, "/processes/\(spareID)/archive", cookie: s.owner, form: "version=1")
            #expect(archived.headers[.location] == "/processes?done=archived")
            let list = try await client.page(.get, "/processes?done=archived", cookie: s.owner)
            #expect(list.html.contains("標準プロセスをアーカイブしました"))
            #expect(!list.html.contains("予備プロセス"))

            // The report of a process nobody is on yet: the steps, no figures, no stalls.
            let report = try await client.page(.get, "/processes/\(id)/report", cookie: s.owner)
            #expect(report.status == .ok)
            #expect(report.html.contains("ステップ別のリードタイム"))
            #expect(report.html.contains("停滞している顧客はいません"))
            #expect(try await client.page(.get, "/processes/\(id)/report?version=abc", cookie: s.owner).status == .notFound)
            #expect(try await client.page(.get, "/processes/\(id)/report?version=9", cookie: s.owner).status == .notFound)

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, "/processes/\(id)", cookie: s.owner)
            #expect(english.html.contains("Published steps"))
            #expect(english.html.contains("Exit criterion"))
            #expect(try await client.page(.get, "/processes/\(id)/versions/2", cookie: s.owner).html.contains("Edit the steps"))
        }
    }

    @Test func aCustomersProcessTab() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await WebSessions.signIn(client, a, b, services)
            let position = try await ProcessFixture.position(client, a, "SMB 担当 CSM")
            let published = try await ProcessFixture.published(
                client, a, name: "標準オンボーディング", steps: ProcessFixture.twoSteps(position), standard: true)
            let customer = try await a.addCustomer(services.store, name: "テスト商事", company: a.smb, team: a.smbTeam)
            let tab = "/customers/\(customer.lower)/process"

            let before = try await client.page(.get, tab, cookie: s.owner)
            #expect(before.status == .ok)
            #expect(before.html.contains("まだ標準プロセスに載っていません"))
            #expect(before.html.contains("href=\"\(tab)\" aria-current=\"page\""))
            #expect(before.html.contains("action=\"\(tab)/place\""))

            // The CSM reads the tab but may not place the customer.
            let csmBefore = try await client.page(.get, tab, cookie: s.csm)
            #expect(csmBefore.status == .ok)
            #expect(!csmBefore.html.contains("action=\"\(tab)/place\""))
            #expect(try await client.page(.post, "\(tab)/place", cookie: s.csm, form: "version=\(published.version)").status == .forbidden)
            #expect(try await client.page(.post, "\(tab)/place", cookie: s.csm, form: "version=zzz").status == .forbidden)

            // Refused in place: no version while the company adopted none; a day ahead.
            let none = try await client.page(.post, "\(tab)/place", cookie: s.owner, form: "version=&placed_on=")
            #expect(none.status == .unprocessableContent)
            #expect(none.html.contains("id=\"place-error\""))
            let ahead = try await client.page(.post, "\(tab)/place", cookie: s.owner, form: "version=\(published.version)&placed_on=2026-12-01")
            #expect(ahead.status == .unprocessableContent)
            #expect(ahead.html.contains("value=\"2026-12-01\""))
            for form in ["version=zzz", "version=\(published.version)&placed_on=" + String(repeating: "1", count: 400), "version=%00"] {
                let answer = try await client.page(.post, "\(tab)/place", cookie: s.owner, form: form)
                #expect((400..<500).contains(answer.status.code), "\(form): \(answer.status)")
            }

            let placed = try await client.page(.post, "\(tab)/place", cookie: s.owner, form: "version=\(published.version)&placed_on=2026-11-10")
            #expect(placed.status == .seeOther)
            let on = try await client.page(.get, "\(tab)?done=placed", cookie: s.owner)
            #expect(on.html.contains("顧客をプロセスに載せました"))
            #expect(on.html.contains("現在のステップ: キックオフ"))
            #expect(on.html.contains("キックオフ の完了条件"))
            #expect(on.html.contains("SMB 担当 CSM"))
            #expect(on.html.contains("14 日 / 想定 10 日"))
            let step = published.steps[0].lowercased()
            #expect(on.html.contains("action=\"\(tab)/steps/\(step)/complete\""))

            // The CSM (not the customer's owner, holding no R position) gets no form and a 403.
            #expect(!(try await client.page(.get, tab, cookie: s.csm).html.contains("/complete\"")))
            #expect(try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.csm, form: "completed_on=2026-11-24").status
                == .forbidden)

            // Refused in place: a day ahead, a day before the step started; hostile days and steps.
            let future = try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.owner, form: "completed_on=2026-12-31")
            #expect(future.status == .unprocessableContent)
            #expect(future.html.contains("id=\"completed_on-error\""))
            #expect(future.html.contains("value=\"2026-12-31\""))
            let early = try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.owner, form: "completed_on=2026-11-01")
            #expect(early.status == .unprocessableContent)
            for form in ["completed_on=yesterday", "completed_on=" + String(repeating: "2", count: 400), "completed_on=%00"] {
                let answer = try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.owner, form: form)
                #expect((400..<500).contains(answer.status.code), "\(form): \(answer.status)")
            }
            #expect(try await client.page(.post, "\(tab)/steps/not-a-uuid/complete", cookie: s.owner, form: "completed_on=").status == .notFound)
            #expect(try await client.page(.post, "\(tab)/steps/\(published.steps[1].lowercased())/complete", cookie: s.owner, form: "completed_on=")
                .status == .conflict)

            let done = try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.owner, form: "completed_on=2026-11-20")
            #expect(done.status == .seeOther)
            let next = try await client.page(.get, tab, cookie: s.owner)
            #expect(next.html.contains("現在のステップ: 活用定着"))
            #expect(next.html.contains("state prc-done"))
            #expect(next.html.contains("2026年11月20日(金)"))

            // The report sees the lead time and the stall counts.
            let report = try await client.page(.get, "/processes/\(published.process)/report", cookie: s.owner)
            #expect(report.status == .ok)
            #expect(report.html.contains("10 日"))
            #expect(report.html.contains("活用定着"))

            // Another organisation: the 404 page.
            #expect(try await client.page(.get, tab, cookie: s.other).status == .notFound)
            #expect(try await client.page(.post, "\(tab)/place", cookie: s.other, form: "version=\(published.version)").status == .notFound)
            #expect(try await client.page(.post, "\(tab)/steps/\(step)/complete", cookie: s.other, form: "completed_on=").status == .notFound)
            #expect(try await client.page(.get, "/customers/not-a-uuid/process", cookie: s.owner).status == .notFound)

            // English.
            _ = try await client.page(.post, "/me/locale", cookie: s.owner, form: "locale=en&back=%2F")
            let english = try await client.page(.get, tab, cookie: s.owner)
            #expect(english.html.contains("Current step: 活用定着"))
            #expect(english.html.contains("Mark this step done"))
        }
    }
}
