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

/// The goal page's forms that change the goal itself — edit, move, copy, archive — and the live SMART check of a
/// new-goal form: each writes through the Goals use case (303), comes back with the refusal beside its field, is
/// refused to a reader who may not write the goal, and answers another organisation with the 404 page.
@Suite struct WebGoalChangesTests {
    static let password = "correct horse battery"

    @Test func editKeepsRefusedInputAndSavesAValidChange() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let page = try await client.page(.get, "/goals/\(tree.grr)", cookie: session)
            #expect(page.html.contains("id=\"edit-goal-form\""))
            #expect(page.html.contains("id=\"archive-goal-form\""))
            let version = try #require(page.html.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })

            let refused = try await client.page(
                .post, "/goals/\(tree.grr)/edit", cookie: session,
                form: "version=\(version)&title=SMB%20GRR&target=ninety-five&baseline=90&direction=up&status=active&cadence=monthly&weight=1")
            #expect(refused.status == .unprocessableContent)
            #expect(refused.html.contains("id=\"edit-target-error\""))
            #expect(refused.html.contains("value=\"ninety-five\""))
            #expect(refused.html.contains("<details id=\"edit-details\" class=\"manage-form\" open>"))

            let saved = try await client.page(
                .post, "/goals/\(tree.grr)/edit", cookie: session,
                form: "version=\(version)&title=SMB%20GRR%EF%BC%88%E5%B9%B4%E9%96%93%EF%BC%89&description=&owner_id=\(a.csm.lower)&metric=GRR&unit=%25&baseline=90&target=96.5&direction=up&due_date=2027-03-31&status=active&cadence=monthly&weight=2")
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/goals/\(tree.grr)?done=edited")
            let goal = try await client.call(.get, "/v1/goals/\(tree.grr)", token: a.ownerToken).body
            #expect(goal["title"] as? String == "SMB GRR（年間）")
            #expect(goal["target"] as? Double == 96.5)
            #expect(goal["weight"] as? Double == 2)

            // The same form sent again carries a version that is no longer current: refused, nothing overwritten.
            let stale = try await client.page(
                .post, "/goals/\(tree.grr)/edit", cookie: session, form: "version=\(version)&title=%E4%B8%8A%E6%9B%B8%E3%81%8D&target=1")
            #expect(stale.status == .conflict || stale.status == .preconditionFailed)
            #expect(try await client.call(.get, "/v1/goals/\(tree.grr)", token: a.ownerToken).body["title"] as? String == "SMB GRR（年間）")
        }
    }

    @Test func moveCopyAndArchive() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session

            // A KPI moves under the other KSF; under a KPI it cannot go.
            let nps = try await client.page(.get, "/goals/\(tree.nps)", cookie: session)
            #expect(nps.html.contains("value=\"\(tree.ksfRetention)\""), "the other KSF is offered as a parent")
            #expect(nps.html.contains("value=\"\(tree.kgi)\""), "so is the KGI (a KPI may sit under a KGI)")
            #expect(!nps.html.contains("value=\"\(tree.grr)\""), "a KPI is never offered: nothing goes below a KPI")
            let moved = try await client.page(.post, "/goals/\(tree.nps)/move", cookie: session, form: "parent=\(tree.ksfRetention)")
            #expect(moved.status == .seeOther)
            #expect(try await client.call(.get, "/v1/goals/\(tree.nps)", token: a.ownerToken).body["parent_id"] as? String == tree.ksfRetention)
            let underKPI = try await client.page(.post, "/goals/\(tree.nps)/move", cookie: session, form: "parent=\(tree.grr)")
            #expect(underKPI.status == .unprocessableContent)
            #expect(underKPI.html.contains("id=\"move-goal-form\""))

            // Copying the KGI takes its whole subtree into the next half.
            let copied = try await client.page(.post, "/goals/\(tree.kgi)/copy", cookie: session, form: "period=FY2027-H1")
            #expect(copied.status == .seeOther)
            let location = try #require(copied.headers[.location])
            #expect(location.hasSuffix("?done=copied") && !location.contains(tree.kgi))
            let next = try await client.call(.get, "/v1/goals?period=FY2027-H1&limit=100", token: a.ownerToken).body.items
            #expect(next.count == 6)
            let refusedCopy = try await client.page(.post, "/goals/\(tree.kgi)/copy", cookie: session, form: "period=FY2027-Q1")
            #expect(refusedCopy.status == .unprocessableContent)

            // Archiving a KSF takes the KPIs below it along; the page then offers no edit.
            let archived = try await client.page(.post, "/goals/\(tree.ksfAdvocacy)/archive", cookie: session, form: "")
            #expect(archived.status == .seeOther)
            #expect(try await client.call(.get, "/v1/goals/\(tree.ksfAdvocacy)", token: a.ownerToken).body["status"] as? String == "archived")
            let after = try await client.page(.get, "/goals/\(tree.ksfAdvocacy)", cookie: session)
            #expect(after.html.contains("アーカイブ済み"))
            #expect(!after.html.contains("id=\"edit-goal-form\""))
            #expect(after.html.contains("id=\"copy-goal-form\""))
        }
    }

    @Test func aReaderWhoMayNotWriteTheGoalIsRefused() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let tree = try await SampleTree.make(client, a)
            let hash = try await Secrets.hashPassword(Self.password)
            try await services.store.tenant(a.orgID) { tx in try await MemberRepository.setPassword(tx, id: a.csm, hash: hash) }
            let csm = try await client.signIn(a.slug, "csm@smb.example", Self.password).session
            // The CSM owns the KPI (its forms are there) but not the KGI above it (no forms to change it).
            #expect(try await client.page(.get, "/goals/\(tree.grr)", cookie: csm).html.contains("id=\"edit-goal-form\""))
            let kgi = try await client.page(.get, "/goals/\(tree.kgi)", cookie: csm)
            #expect(kgi.status == .ok)
            #expect(!kgi.html.contains("id=\"edit-goal-form\"") && !kgi.html.contains("id=\"archive-goal-form\""))
            let archive = try await client.page(.post, "/goals/\(tree.kgi)/archive", cookie: csm, form: "")
            #expect(archive.status == .forbidden)
            let edit = try await client.page(.post, "/goals/\(tree.kgi)/edit", cookie: csm, form: "title=%E4%B9%97%E3%81%A3%E5%8F%96%E3%82%8A")
            #expect(edit.status == .forbidden)
            let goal = try await client.call(.get, "/v1/goals/\(tree.kgi)", token: a.ownerToken).body
            #expect(goal["status"] as? String == "active" && goal["title"] as? String == "下期売上")

            // Another organisation: every form answers the 404 page and changes nothing.
            let other = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            for (path, form) in [
                ("/goals/\(tree.kgi)/edit", "title=x"), ("/goals/\(tree.kgi)/move", "parent="), ("/goals/\(tree.kgi)/archive", ""),
                ("/goals/\(tree.kgi)/copy", "period=FY2027-H1"), ("/goals/smart-check", "parent=\(tree.kgi)&title=x"),
            ] {
                #expect(try await client.page(.post, path, cookie: other, form: form).status == .notFound, "\(path)")
            }
            #expect(try await client.call(.get, "/v1/goals/\(tree.kgi)", token: a.ownerToken).body["status"] as? String == "active")
        }
    }

    @Test func theSmartCheckAnswersAsTheFormIsFilledIn() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let ksf = try await client.page(.get, "/goals/\(tree.ksfRetention)", cookie: session)
            #expect(ksf.html.contains("data-smart-check=\"/goals/smart-check\""))
            #expect(ksf.html.contains("name=\"parent\" value=\"\(tree.ksfRetention)\""))

            func check(_ form: String) async throws -> [String: Any] {
                let answer = try await client.page(.post, "/goals/smart-check", cookie: session, form: form)
                #expect(answer.status == .ok)
                #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
                return try #require(try JSONSerialization.jsonObject(with: Data(answer.html.utf8)) as? [String: Any])
            }
            let vague = try await check("parent=\(tree.ksfRetention)&kind=kpi&title=%E3%81%8C%E3%82%93%E3%81%B0%E3%82%8B")
            let verdicts = try #require(vague["verdicts"] as? [[String: Any]])
            #expect(verdicts.count == 5)
            #expect(vague["passes"] as? Bool == false)
            #expect((vague["summary"] as? String ?? "").contains("改善が必要"))

            let sharp = try await check(
                "parent=\(tree.ksfRetention)&kind=kpi&title=%E8%A7%A3%E7%B4%84%E7%8E%87&metric=%E8%A7%A3%E7%B4%84%E7%8E%87&unit=%25&baseline=5&target=4&direction=down&due_date=2027-03-31")
            let sharpFailing = (sharp["verdicts"] as? [[String: Any]] ?? []).filter { $0["pass"] as? Bool == false }.count
            let vagueFailing = verdicts.filter { $0["pass"] as? Bool == false }.count
            #expect(sharpFailing < vagueFailing)

            let notANumber = try await check("parent=\(tree.ksfRetention)&kind=kpi&title=x&target=many")
            #expect(notANumber["field"] as? String == "target")
            // Checking writes nothing.
            let below = try await client.call(.get, "/v1/goals?parent_id=\(tree.ksfRetention)&limit=100", token: a.ownerToken).body.items
            #expect(below.count == 2)
        }
    }

    @Test func anOrgThatBlocksOnSmartGetsTheFormBackNotAnError() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, _, _ in
            let tree = try await SampleTree.make(client, a)
            #expect(try await client.call(.patch, "/v1/org/goal-settings", token: a.ownerToken, json: body(["smart_mode": "block"])).status == .ok)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            let vague = try await client.page(
                .post, "/goals/\(tree.ksfRetention)/children", cookie: session, form: "kind=kpi&title=%E3%81%8C%E3%82%93%E3%81%B0%E3%82%8B")
            #expect(vague.status == .unprocessableContent)
            #expect(vague.html.contains("id=\"new-goal-form\""))
            #expect(vague.html.contains("value=\"がんばる\""))
            let kgi = try await client.page(
                .post, "/goals", cookie: session, form: "kind=kgi&period=FY2026-H2&company=&title=%E3%81%8C%E3%82%93%E3%81%B0%E3%82%8B")
            #expect(kgi.status == .unprocessableContent)
            let below = try await client.call(.get, "/v1/goals?parent_id=\(tree.ksfRetention)&limit=100", token: a.ownerToken).body.items
            #expect(below.count == 2)
        }
    }

    @Test func aKPIIsBoundToABehaviourFromItsPage() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let tree = try await SampleTree.make(client, a)
            let session = try await client.signIn(a.slug, "owner@alpha.example", Self.password).session
            // A KSF is not measured: its edit form offers no binding; its new-KPI form does.
            let ksf = try await client.page(.get, "/goals/\(tree.ksfAdvocacy)", cookie: session)
            #expect(!ksf.html.contains("id=\"edit-bound-metric\""))
            #expect(ksf.html.contains("id=\"new-bound-metric\""))
            #expect(ksf.html.contains("<option value=\"touches\">"))

            let page = try await client.page(.get, "/goals/\(tree.nps)", cookie: session)
            #expect(page.html.contains("id=\"edit-bound-metric\""))
            let version = try #require(page.html.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            let unknown = try await client.page(.post, "/goals/\(tree.nps)/edit", cookie: session, form: "version=\(version)&bound_metric=logins")
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.html.contains("id=\"edit-bound-metric-error\""))
            let bound = try await client.page(.post, "/goals/\(tree.nps)/edit", cookie: session, form: "version=\(version)&bound_metric=touches")
            #expect(bound.status == .seeOther)
            #expect(try await client.call(.get, "/v1/goals/\(tree.nps)", token: a.ownerToken).body["bound_metric"] as? String == "touches")

            // Two touches on an SMB customer in November, one in October.
            let customer = try await a.addCustomer(services.store, name: "接点商事", owner: a.csm)
            for at in ["2026-11-02T01:00:00Z", "2026-11-10T01:00:00Z", "2026-10-10T01:00:00Z"] {
                let made = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: a.csmToken, json: body([
                    "kind": "call", "title": "定例電話", "occurred_at": at]))
                #expect(made.status == .created, "\(made.body)")
            }
            // No check-in is open: the page shows November's count so far, and nothing to recompute.
            let running = try await client.page(.get, "/goals/\(tree.nps)", cookie: session)
            #expect(running.html.contains("id=\"bound-hint\""))
            #expect(running.html.contains("現在の値: 2 pt"), "the goal keeps its own unit")
            #expect(!running.html.contains("id=\"recompute-form\""))

            // October's check-in opens with October's count; a touch written later is recomputed into it.
            let opened = try await client.call(.put, "/v1/goals/\(tree.nps)/check-ins/2026-10", token: a.csmToken, json: body(["comment": "電話強化"]))
            #expect(opened.body["actual"] as? Double == 1, "\(opened.body)")
            _ = try await client.call(.post, "/v1/customers/\(customer.lower)/timeline", token: a.csmToken, json: body([
                "kind": "meeting", "title": "訪問", "occurred_at": "2026-10-20T01:00:00Z"]))
            let open = try await client.page(.get, "/goals/\(tree.nps)", cookie: session)
            #expect(open.html.contains("id=\"recompute-form\""))
            let recomputed = try await client.page(.post, "/goals/\(tree.nps)/bound-value", cookie: session, form: "period=2026-10")
            #expect(recomputed.status == .seeOther)
            #expect(recomputed.headers[.location] == "/goals/\(tree.nps)?done=recomputed")
            let checkIns = try await client.call(.get, "/v1/goals/\(tree.nps)/check-ins", token: a.csmToken)
            #expect(checkIns.body.items.first?["actual"] as? Double == 2)

            // Another organisation's owner finds no such goal.
            let stranger = try await client.signIn(b.slug, "owner@beta.example", Self.password).session
            #expect(try await client.page(.post, "/goals/\(tree.nps)/bound-value", cookie: stranger, form: "period=2026-10").status == .notFound)

            // A new KPI under the KSF is bound from the start.
            let created = try await client.page(
                .post, "/goals/\(tree.ksfAdvocacy)/children", cookie: session,
                form: "kind=kpi&title=%E3%83%97%E3%83%AD%E3%82%BB%E3%82%B9%E5%AE%8C%E4%BA%86&target=10&direction=up&bound_metric=process_steps_done")
            #expect(created.status == .seeOther, "\(created.html.prefix(300))")
            let kpi = try #require(created.headers[.location]?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            #expect(try await client.call(.get, "/v1/goals/\(kpi)", token: a.ownerToken).body["bound_metric"] as? String == "process_steps_done")
        }
    }
}
