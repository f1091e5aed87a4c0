import Database
import Domain
import Foundation
import Mail
import Scheduler
import Store
import Testing
import TestSupport

/// E-mail from the cadence to a real local SMTP server (aiosmtpd, started by the test): the reminder arrives once,
/// in the reader's language, with its subject correctly encoded; a refusal is final, an outage is retried.
@Suite struct MailDeliveryTests {
    @Test("an HTTPS unsubscribe page is offered for one click (RFC 8058); a plain-HTTP one only as a link (RFC 2369)")
    func unsubscribeHeaders() throws {
        let https = try MailDelivery.unsubscribeHeaders("https://banso.example/u/bso_abc")
        #expect(https.map(\.name) == ["List-Unsubscribe", "List-Unsubscribe-Post"])
        #expect(https.map(\.value) == ["<https://banso.example/u/bso_abc>", "List-Unsubscribe=One-Click"])
        let http = try MailDelivery.unsubscribeHeaders("http://localhost:8080/u/bso_abc")
        #expect(http.map(\.name) == ["List-Unsubscribe"], "one click is only promised over HTTPS")
    }

    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    /// A Tokyo org whose CSM (reading Japanese) owns one monthly KPI reviewed by their manager.
    func seed(_ store: Store, csmEmail: String = "csm@c.example") async throws -> (org: UUID, csm: UUID) {
        let org = UUID.v7(), company = UUID.v7(), csm = UUID.v7(), manager = UUID.v7()
        try await store.system { tx in
            try await tx.execute(
                "INSERT INTO org (id, slug, name, time_zone) VALUES (\(org), \("m-" + org.uuidString.suffix(12).lowercased()), '伴走商事', 'Asia/Tokyo')")
            try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
            try await tx.execute(
                "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org), \(csm), \(csmEmail), '佐藤 花子', 'ja')")
            try await tx.execute(
                "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org), \(manager), 'lead@c.example', 'Lead', 'en')")
            try await tx.execute(
                "INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id) VALUES (\(org), \(UUID.v7()), \(manager), 'manager', 'company', \(company))")
            try await tx.execute(
                """
                INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
                    metric, unit, baseline, target, due_date)
                VALUES (\(org), \(UUID.v7()), 'kpi', '解約率の改善', \(csm), 'company', \(company), 'FY2026-H2', '2026-10-01', '2027-03-31',
                    'GRR', '%', 90, 95, '2027-03-31')
                """)
        }
        try await store.tenant(org) { tx in
            let calendar = try await GoalSettingsRepository.businessCalendar(tx)
            try await ScheduleRepository.upsert(
                tx, CheckInCadence.schedule(org: org, zone: TimeZone(identifier: "Asia/Tokyo")!, settings: .default, calendar: calendar,
                                            now: instant("2026-11-30T00:00:00Z")))
        }
        return (org, csm)
    }

    func worker(_ store: Store, _ db: Database, port: Int) throws -> JobWorker {
        let settings = MailSettings(
            from: try MailAddress("noreply@banso.example", displayName: "Banso"), publicURL: "https://banso.example",
            transport: try SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: port, security: .none,
                                                                      connectTimeout: .seconds(2), commandTimeout: .seconds(5))),
            relays: MailRelays(secrets: TestSecrets.box))
        return JobWorker(
            store: store, database: db,
            queues: [QueueConfiguration(name: "default", concurrency: 2), QueueConfiguration(name: "mail", concurrency: 2)],
            handlers: [CheckInCadence.handlers, CheckInReminders.handlers, MailDelivery.handlers(settings)]
                .reduce(into: [:]) { all, h in all.merge(h) { a, _ in a } })
    }

    @Test func aReminderReachesARealSMTPServerOnceInJapanese() async throws {
        try await SMTPSink.with { sink in
            try await TestDatabase.with { db, _ in
                let store = Store.testing(db)
                let (org, _) = try await seed(store)
                let worker = try worker(store, db, port: sink.port)
                // 12-01 09:00 Tokyo the check-in opens; 12-03 09:00 the owner is reminded; then nothing more that day.
                for now in ["2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z", "2026-12-03T00:00:30Z", "2026-12-03T05:00:00Z"] {
                    try await worker.runOnce(now: instant(now))
                }
                let deliveries = try sink.deliveries()
                #expect(deliveries.count == 1, "exactly one message")
                let mail = try #require(deliveries.first)
                #expect(mail.rcptTos == ["csm@c.example"])
                #expect(mail.message.subject == "チェックインの期限が近づいています: 解約率の改善（2026-11）")
                #expect(mail.message.to == [.init(displayName: "佐藤 花子", address: "csm@c.example")])
                #expect(mail.message.text?.contains("2026-12-07 が提出期限です") == true)
                #expect(mail.message.text?.contains("https://banso.example/settings/notifications") == true)
                #expect(mail.message.html?.contains("<h1") == true)
                #expect(mail.message.defects.isEmpty, "\(mail.message.defects)")
                // On the wire the subject is ASCII: RFC 2047 encoded words.
                let raw = String(decoding: mail.raw, as: UTF8.self)
                let subjectLine = try #require(raw.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject:") })
                #expect(subjectLine.contains("=?UTF-8?"))
                #expect(subjectLine.unicodeScalars.allSatisfy { $0.isASCII })
                let outbox = try await store.tenant(org) { tx in
                    try await tx.query("SELECT state, attempts FROM mail_outbox").decode((String, Int).self)
                }
                #expect(outbox.map(\.0) == ["sent"])
                #expect(outbox.map(\.1) == [1])
            }
        }
    }

    @Test func aRefusedRecipientIsFinalAndAnOutageIsRetried() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let (org, csm) = try await seed(store, csmEmail: "reject@c.example")
            // Nothing listens on this port: the attempt fails as transient and the job will be retried.
            let refusing = try RefusingPort()
            let down = try worker(store, db, port: refusing.port)
            try await store.tenant(org) { tx in
                try await NotificationRepository.deliver(
                    tx, to: csm, .checkInReminder(.checkInDue, goal: "G", period: "2026-11", due: LocalDate(iso: "2026-12-07")!,
                                                            owner: "", locale: .ja),
                    subjectType: nil, subjectID: nil, now: instant("2026-12-07T00:00:00Z"))
            }
            try await down.runOnce(now: instant("2026-12-07T00:00:01Z"))
            withExtendedLifetime(refusing) {}
            let afterOutage = try await store.tenant(org) { tx in
                try await tx.query("SELECT o.state, o.attempts, j.state FROM mail_outbox o JOIN job j ON j.unique_key = 'mail:' || o.id::text")
                    .decode((String, Int, String).self)
            }
            #expect(afterOutage.first?.0 == "queued")
            #expect(afterOutage.first?.1 == 1)
            #expect(afterOutage.first?.2 == "retryable")
            // The relay is back but refuses the recipient (550): recorded as failed, not retried again.
            try await SMTPSink.with { sink in
                let up = try worker(store, db, port: sink.port)
                try await up.runOnce(now: instant("2026-12-08T00:00:00Z"))
                #expect(try sink.deliveries().isEmpty)
            }
            let afterRefusal = try await store.tenant(org) { tx in
                try await tx.query("SELECT o.state, o.last_error, j.state FROM mail_outbox o JOIN job j ON j.unique_key = 'mail:' || o.id::text")
                    .decode((String, String?, String).self)
            }
            #expect(afterRefusal.first?.0 == "failed")
            #expect(afterRefusal.first?.1?.contains("550") == true)
            #expect(afterRefusal.first?.2 == "completed")
        }
    }

    @Test func withoutARelayMailIsRecordedAsSkipped() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let (org, csm) = try await seed(store)
            let settings = MailSettings(from: try MailAddress("noreply@banso.example"), publicURL: "https://banso.example", transport: nil,
                                        relays: MailRelays(secrets: TestSecrets.box))
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "mail", concurrency: 1)],
                handlers: MailDelivery.handlers(settings))
            try await store.tenant(org) { tx in
                try await NotificationRepository.deliver(
                    tx, to: csm, .workTransferred(from: "A", goals: 1, checkIns: 0, accountabilities: 0, locale: .ja),
                    subjectType: nil, subjectID: nil)
            }
            try await worker.runOnce()
            let outbox = try await store.tenant(org) { tx in
                try await tx.query("SELECT state, last_error, text_body FROM mail_outbox").decode((String, String?, String?).self)
            }
            #expect(outbox.first?.0 == "skipped")
            #expect(outbox.first?.1?.contains("BANSO_SMTP_URL") == true)
            #expect(outbox.first?.2?.contains("目標 1 件") == true, "rendered all the same, as the record of what would have gone")
        }
    }
}
