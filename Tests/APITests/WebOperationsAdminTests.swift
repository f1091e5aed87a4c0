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

/// The operations pages of the administration: each renders in Japanese and English for the role its API route
/// needs, answers a manager or a CSM with the 403 page (reading and posting), another org's ids with the 404 page,
/// and bad input with the form, its message beside the field (422).
@Suite struct WebOperationsAdminTests {
    static let password = "correct horse battery"

    /// Signs in the owner of `a` (and of `b`), a manager and a CSM of `a`.
    static func sessions(_ client: any TestClientProtocol, _ a: TenantOrg, _ b: TenantOrg, _ services: AppServices) async throws
        -> (owner: String?, manager: String?, csm: String?, other: String?)
    {
        let hash = try await Secrets.hashPassword(password)
        try await services.store.tenant(a.orgID) { tx in
            try await MemberRepository.setPassword(tx, id: a.csm, hash: hash)
            try await MemberRepository.setPassword(tx, id: a.smbManager, hash: hash)
        }
        let owner = try await client.signIn(a.slug, "owner@alpha.example", password).session
        let manager = try await client.signIn(a.slug, "manager@smb.example", password).session
        let csm = try await client.signIn(a.slug, "csm@smb.example", password).session
        let other = try await client.signIn(b.slug, "owner@beta.example", password).session
        #expect(owner != nil && manager != nil && csm != nil && other != nil)
        return (owner, manager, csm, other)
    }

    /// The page in Japanese, then in English once the reader switches.
    static func bothLanguages(_ client: any TestClientProtocol, _ path: String, cookie: String?, ja: String, en: String) async throws {
        let japanese = try await client.page(.get, path, cookie: cookie)
        #expect(japanese.status == .ok, "\(path) in Japanese")
        #expect(japanese.html.contains("<html lang=\"ja\">") && japanese.html.contains(ja), "\(path) in Japanese")
        #expect(try await client.page(.post, "/me/locale", cookie: cookie, form: "locale=en&back=/").status == .seeOther)
        let english = try await client.page(.get, path, cookie: cookie)
        #expect(english.status == .ok, "\(path) in English")
        #expect(english.html.contains("<html lang=\"en\">") && english.html.contains(en), "\(path) in English")
        #expect(try await client.page(.post, "/me/locale", cookie: cookie, form: "locale=ja&back=/").status == .seeOther)
    }

    static let pages: [(path: String, ja: String, en: String)] = [
        ("/admin/webhooks", "送信先を追加", "Add an endpoint"),
        ("/admin/closures", "年末年始", "New Year closure"),
        ("/admin/audit", "監査ログ", "Audit log"),
        ("/admin/jobs", "バックグラウンドジョブ", "Background jobs"),
        ("/admin/schedules", "スケジュール一覧", "All schedules"),
        ("/admin/mail-relay", "メール中継サーバー", "Mail relay"),
        ("/admin/goal-settings", "達成可能性の倍率", "Achievable multiple"),
        ("/admin/notifications", "週あたりの上限", "Weekly cap"),
    ]

    static let posts: [(path: String, form: String)] = [
        ("/admin/webhooks", "url=https%3A%2F%2F93.184.215.14%2Fhook&events%5B%5D=%2A"),
        ("/admin/closures", "date=2026-11-20&name=x"),
        ("/admin/closures/remove", "date=2026-11-20"),
        ("/admin/closures/new-year", "year=2026"),
        ("/admin/jobs/0190a0a0-0000-7000-8000-000000000000/retry", ""),
        ("/admin/jobs/0190a0a0-0000-7000-8000-000000000000/cancel", ""),
        ("/admin/schedules/0190a0a0-0000-7000-8000-000000000000/active", "active=false"),
        ("/admin/mail-relay", "host=smtp.example.com&port=587&security=starttls"),
        ("/admin/mail-relay/delete", ""),
        ("/admin/mail-relay/test", ""),
        ("/admin/goal-settings", "smart_mode=block&achievable_multiple=2&check_in_open_business_day=1&check_in_due_business_day=5&review_business_day=10&short_cadence_due_business_days=2&short_cadence_review_business_days=4&open_time=09%3A00"),
        ("/admin/notifications", "cap=3"),
    ]

    @Test func everyPageInBothLanguagesAndOnlyForItsRole() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            for page in Self.pages {
                try await Self.bothLanguages(client, page.path, cookie: s.owner, ja: page.ja, en: page.en)
                for cookie in [s.manager, s.csm] {
                    let refused = try await client.page(.get, page.path, cookie: cookie)
                    #expect(refused.status == .forbidden, "\(page.path) to a lower role")
                    #expect(refused.html.contains("この操作はできません"))
                }
            }
            for post in Self.posts {
                for cookie in [s.manager, s.csm] {
                    #expect(try await client.page(.post, post.path, cookie: cookie, form: post.form).status == .forbidden, "POST \(post.path)")
                }
            }
            // Nothing was written by the refused posts.
            let hooks = try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items
            #expect(hooks.isEmpty)
            let closures = try await client.call(.get, "/v1/org/closures?year=2026", token: a.ownerToken).body.items
            #expect(closures.isEmpty)
        }
    }

    @Test func webhookEgressSecretOnceAndAnotherOrgs() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            // Refused by the egress check, as the API refuses: beside the URL, the input kept.
            for url in ["http%3A%2F%2F127.0.0.1%2Fhook", "http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data"] {
                let refused = try await client.page(.post, "/admin/webhooks", cookie: s.owner, form: "url=\(url)&events%5B%5D=%2A&description=mine")
                #expect(refused.status == .unprocessableContent)
                #expect(refused.html.contains("id=\"url-error\""))
                #expect(refused.html.contains("aria-invalid=\"true\""))
                #expect(refused.html.contains("value=\"mine\""))
            }
            let noEvents = try await client.page(.post, "/admin/webhooks", cookie: s.owner, form: "url=https%3A%2F%2F93.184.215.14%2Fhook")
            #expect(noEvents.status == .unprocessableContent)
            #expect(noEvents.html.contains("id=\"events-error\""))
            let notURL = try await client.page(.post, "/admin/webhooks", cookie: s.owner, form: "url=nope&events%5B%5D=%2A")
            #expect(notURL.status == .unprocessableContent)
            #expect(notURL.html.contains("id=\"url-error\""))

            let created = try await client.page(
                .post, "/admin/webhooks", cookie: s.owner,
                form: "url=https%3A%2F%2F93.184.215.14%2Fhooks%2Fsecret-path&events%5B%5D=check_in.submitted&events%5B%5D=goal.created&format=json&locale=ja")
            #expect(created.status == .ok, "the secret is in the POST's own answer, not behind a redirect")
            #expect(created.headers[.cacheControl] == "no-store")
            let secret = try #require(created.html.firstMatch(of: /whsec_[A-Za-z0-9_-]+/)).output
            let hooks = try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items
            let id = try #require(hooks.first?["id"] as? String)
            #expect(hooks.first?["event_types"] as? [String] == ["check_in.submitted", "goal.created"])

            let list = try await client.page(.get, "/admin/webhooks", cookie: s.owner)
            let detail = try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.owner)
            #expect(detail.status == .ok)
            for later in [list, detail] {
                #expect(!later.html.contains(secret), "the secret never again")
                #expect(!later.html.contains("whsec_"))
                #expect(!later.html.contains("secret-path"), "the URL's path is masked")
            }
            #expect(detail.html.contains("https://93.184.215.14/…"))

            let paused = try await client.page(.post, "/admin/webhooks/\(id)/active", cookie: s.owner, form: "active=false")
            #expect(paused.status == .seeOther)
            #expect(try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first?["active"] as? Bool == false)
            #expect(try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.owner).html.contains("一時停止中"))

            // Renamed and resubscribed; no events at all is refused beside the events, the name kept.
            let noEvents2 = try await client.page(.post, "/admin/webhooks/\(id)/edit", cookie: s.owner, form: "description=CS%20Slack")
            #expect(noEvents2.status == .unprocessableContent)
            #expect(noEvents2.html.contains("id=\"events-error\"") && noEvents2.html.contains("value=\"CS Slack\""))
            let edited = try await client.page(
                .post, "/admin/webhooks/\(id)/edit", cookie: s.owner, form: "description=CS%20Slack&events%5B%5D=accountability.assigned")
            #expect(edited.headers[.location] == "/admin/webhooks/\(id)?done=edited")
            let after = try await client.call(.get, "/v1/webhooks", token: a.ownerToken).body.items.first
            #expect(after?["event_types"] as? [String] == ["accountability.assigned"] && after?["description"] as? String == "CS Slack")
            #expect(try await client.page(.post, "/admin/webhooks/\(id)/edit", cookie: s.other, form: "events%5B%5D=%2A").status == .notFound)
            #expect(try await client.page(.post, "/admin/webhooks/\(id)/edit", cookie: s.manager, form: "events%5B%5D=%2A").status == .forbidden)
            let tested = try await client.page(.post, "/admin/webhooks/\(id)/test", cookie: s.owner, form: "")
            #expect(tested.status == .seeOther)
            #expect(tested.headers[.location] == "/admin/webhooks/\(id)?done=tested")

            // Lower roles: 403 on the endpoint too; another org: 404, reading and acting.
            #expect(try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.manager).status == .forbidden)
            #expect(try await client.page(.post, "/admin/webhooks/\(id)/delete", cookie: s.csm, form: "").status == .forbidden)
            #expect(try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.other).status == .notFound)
            for action in ["active", "delete", "test"] {
                #expect(try await client.page(.post, "/admin/webhooks/\(id)/\(action)", cookie: s.other, form: "active=true").status == .notFound)
            }
            #expect(try await client.page(.get, "/admin/webhooks/not-an-id", cookie: s.owner).status == .notFound)

            // The test event queued a delivery job: the jobs page shows it; another org cannot touch it.
            let jobs = try await client.page(.get, "/admin/jobs?state=queued", cookie: s.owner)
            #expect(jobs.status == .ok)
            let jobID = try #require(jobs.html.firstMatch(of: /\/admin\/jobs\/([0-9a-f-]{36})\/cancel/)).output.1
            #expect(try await client.page(.post, "/admin/jobs/\(jobID)/cancel", cookie: s.other, form: "").status == .notFound)
            #expect(try await client.page(.post, "/admin/jobs/\(jobID)/retry", cookie: s.other, form: "").status == .notFound)
            let cancelled = try await client.page(.post, "/admin/jobs/\(jobID)/cancel", cookie: s.owner, form: "back=/admin/jobs")
            #expect(cancelled.status == .seeOther)
            #expect(cancelled.headers[.location] == "/admin/jobs?done=cancelled")
            #expect(try await client.page(.get, "/admin/jobs?state=failed", cookie: s.owner).html.contains("/admin/jobs/\(jobID)/retry"))
            #expect(try await client.page(.get, "/admin/jobs?state=bogus", cookie: s.owner).status == .unprocessableContent)

            let deleted = try await client.page(.post, "/admin/webhooks/\(id)/delete", cookie: s.owner, form: "")
            #expect(deleted.headers[.location] == "/admin/webhooks?done=deleted")
            #expect(try await client.page(.get, "/admin/webhooks/\(id)", cookie: s.owner).status == .notFound)

            // The audit log shows what was done, filtered by action; a bad date is refused beside its field.
            let audit = try await client.page(.get, "/admin/audit?action=webhook.create", cookie: s.owner)
            #expect(audit.status == .ok)
            #expect(audit.html.contains("webhook.create") && !audit.html.contains("<code>webhook.delete</code>"))
            let badDate = try await client.page(.get, "/admin/audit?from=2026-13-40", cookie: s.owner)
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.html.contains("id=\"from-error\""))
            #expect(try await client.page(.get, "/admin/audit", cookie: s.other).html.contains("webhook.create") == false)
        }
    }

    @Test func closuresAndTheNewYear() async throws {
        try await withTenants(extensions: [WebPages.register]) { client, a, b, services in
            let s = try await Self.sessions(client, a, b, services)
            let bad = try await client.page(.post, "/admin/closures", cookie: s.owner, form: "date=2026-02-30&name=%E5%89%B5%E7%AB%8B%E8%A8%98%E5%BF%B5%E6%97%A5")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.html.contains("id=\"date-error\""))
            #expect(bad.html.contains("value=\"創立記念日\""))
            let added = try await client.page(.post, "/admin/closures", cookie: s.owner, form: "date=2026-11-20&name=%E5%89%B5%E7%AB%8B%E8%A8%98%E5%BF%B5%E6%97%A5")
            #expect(added.status == .seeOther)
            let page = try await client.page(.get, "/admin/closures?year=2026", cookie: s.owner)
            #expect(page.html.contains("創立記念日") && page.html.contains("2026年11月20日(金)"))
            #expect(page.html.contains("文化の日"), "Japanese holidays shown for context")

            let newYear = try await client.page(.post, "/admin/closures/new-year", cookie: s.owner, form: "year=2026")
            #expect(newYear.status == .seeOther)
            let after = try await client.page(.get, try #require(newYear.headers[.location]), cookie: s.owner)
            #expect(after.html.contains("2026年12月29日(火)") && after.html.contains("2027年1月3日(日)"))
            let items = try await client.call(.get, "/v1/org/closures?year=2027", token: a.ownerToken).body.items
            #expect(items.count == 3)
            #expect(try await client.call(.get, "/v1/org/closures?year=2026", token: b.ownerToken).body.items.isEmpty)

            let removed = try await client.page(.post, "/admin/closures/remove", cookie: s.owner, form: "date=2026-11-20&year=2026")
            #expect(removed.status == .seeOther)
            #expect(try await client.page(.post, "/admin/closures/remove", cookie: s.owner, form: "date=2026-11-20").status == .notFound)
            #expect(try await client.page(.post, "/admin/closures/new-year", cookie: s.owner, form: "year=abc").status == .unprocessableContent)
        }
    }
}
