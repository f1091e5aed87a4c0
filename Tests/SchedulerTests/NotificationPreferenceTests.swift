import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport

/// No reminder fatigue (DESIGN §5), over a simulated December in Tokyo: the real cadence opens November's
/// check-ins on 12-01, reminds owners on 12-03 (due soon) and 12-07 (due) at 09:00, escalates to the reviewer on
/// 12-08; the worker runs every hour of the month with the clock set (`runOnce(now:)`). Each member's preferences
/// shape what reaches them — and the reviewer's escalations arrive whatever the reviewer's own preferences say.
@Suite struct NotificationPreferenceTests {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    struct People {
        var org: UUID
        var muter: UUID, night: UUID, digester: UUID, busy: UUID, reviewer: UUID
    }

    /// Four owners with different preferences (the busy one owns five goals), one reviewer (a manager of the
    /// company) who has muted, quietened and digested everything — and a weekly cap of 3 nudges.
    func seed(_ store: Store) async throws -> People {
        let org = UUID.v7(), company = UUID.v7()
        let p = People(org: org, muter: .v7(), night: .v7(), digester: .v7(), busy: .v7(), reviewer: .v7())
        try await store.system { tx in
            try await tx.execute(
                """
                INSERT INTO org (id, slug, name, time_zone, weekly_nudge_cap)
                VALUES (\(org), \("n-" + org.uuidString.suffix(12).lowercased()), 'Prefs', 'Asia/Tokyo', 3)
                """)
            try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
            for (id, email, zone) in [(p.muter, "muter", "Asia/Tokyo"), (p.night, "night", "America/New_York"),
                                      (p.digester, "digester", "Asia/Tokyo"), (p.busy, "busy", "Asia/Tokyo"),
                                      (p.reviewer, "reviewer", "Asia/Tokyo")] {
                try await tx.execute(
                    """
                    INSERT INTO member (org_id, id, email, display_name, time_zone, locale)
                    VALUES (\(org), \(id), \(email + "@p.example"), \(email), \(zone), 'ja')
                    """)
            }
            try await tx.execute(
                "INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id) VALUES (\(org), \(UUID.v7()), \(p.reviewer), 'manager', 'company', \(company))")
            for day in BusinessCalendar.newYearClosure(for: 2026) {
                try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org), \(day), '年末年始')")
            }
            let owners = [p.muter, p.night, p.digester] + Array(repeating: p.busy, count: 5)
            for (i, owner) in owners.enumerated() {
                try await tx.execute(
                    """
                    INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
                        metric, unit, baseline, target, due_date)
                    VALUES (\(org), \(UUID.v7()), 'kpi', \("KPI \(i)"), \(owner), 'company', \(company), 'FY2026-H2', '2026-10-01',
                        '2027-03-31', 'GRR', '%', 90, 95, '2027-03-31')
                    """)
            }
        }
        try await store.tenant(org) { tx in
            typealias R = NotificationPreferenceRepository
            try await R.set(tx, member: p.muter, NotificationPreferences(mutedKinds: [.checkInDueSoon]))
            // 18:00–08:00 in New York covers Tokyo's 09:00 (19:00 the evening before); the digest comes at 09:00 there.
            try await R.set(tx, member: p.night, NotificationPreferences(
                quietHours: QuietHours(start: LocalTime("18:00")!, end: LocalTime("08:00")!)))
            try await R.set(tx, member: p.digester, NotificationPreferences(digest: true, digestAt: LocalTime("18:00")!, email: false))
            try await R.set(tx, member: p.busy, NotificationPreferences(digestAt: LocalTime("17:30")!))
            // Stored directly: the API refuses to mute an escalation, and the policy must not honour it either.
            try await R.set(tx, member: p.reviewer, NotificationPreferences(
                mutedKinds: [.checkInOverdue], quietHours: QuietHours(start: LocalTime("00:00")!, end: LocalTime("23:59")!), digest: true))
            let calendar = try await GoalSettingsRepository.businessCalendar(tx)
            let zone = TimeZone(identifier: "Asia/Tokyo")!
            let start = instant("2026-11-30T00:00:00Z")
            try await ScheduleRepository.upsert(tx, CheckInCadence.schedule(org: org, zone: zone, settings: .default, calendar: calendar, now: start))
            try await ScheduleRepository.upsert(tx, NotificationDigests.schedule(org: org, zone: zone, now: start))
        }
        return p
    }

    struct Row {
        var member: UUID, kind: String, state: String, reason: String?, created: Date, delivered: Date?, digest: UUID?
    }

    @Test func preferencesHoldOverASimulatedMonthAndEscalationsAlwaysArrive() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let p = try await seed(store)
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 4)],
                handlers: [CheckInCadence.handlers, CheckInReminders.handlers, NotificationDigests.handlers]
                    .reduce(into: [:]) { all, h in all.merge(h) { a, _ in a } })
            var now = instant("2026-12-01T00:00:00Z")
            while now < instant("2027-01-01T00:00:00Z") {
                try await worker.runOnce(now: now)
                now += 3600
            }
            let rows = try await store.tenant(p.org) { tx in
                try await tx.query(
                    "SELECT member_id, kind, state, hold_reason, created_at, delivered_at, digest_id FROM notification ORDER BY id"
                ).decode((UUID, String, String, String?, Date, Date?, UUID?).self)
                    .map { Row(member: $0.0, kind: $0.1, state: $0.2, reason: $0.3, created: $0.4, delivered: $0.5, digest: $0.6) }
            }
            func of(_ member: UUID, _ kind: String? = nil) -> [Row] {
                rows.filter { $0.member == member && (kind == nil || $0.kind == kind) }
            }
            #expect(rows.allSatisfy { $0.state != "held" }, "everything held was released by a digest before the month ended")

            // Muted: the due-soon reminder is recorded as muted and never shown; the due-day one arrives.
            #expect(of(p.muter).map { "\($0.kind) \($0.state)" } == ["check_in.due_soon muted", "check_in.due delivered"])

            // Quiet hours in the member's own zone: both reminders came at 19:00 New York time, were held, and went
            // out in that member's 09:00 (14:00Z) digest the next morning.
            let night = of(p.night)
            #expect(night.filter { $0.kind.hasPrefix("check_in.due") }.map { "\($0.state) \($0.reason ?? "-")" }
                    == ["digested quiet_hours", "digested quiet_hours"])
            #expect(of(p.night, "notifications.digest").map(\.delivered) == [instant("2026-12-03T14:00:00Z"), instant("2026-12-07T14:00:00Z")])

            // Digest mode: nothing arrives on its own; one digest each of the two days, at 18:00 Tokyo.
            #expect(of(p.digester).filter { $0.kind.hasPrefix("check_in.") }.allSatisfy { $0.state == "digested" && $0.reason == "digest" })
            #expect(of(p.digester, "notifications.digest").map(\.delivered) == [instant("2026-12-03T09:00:00Z"), instant("2026-12-07T09:00:00Z")])

            // The weekly cap: at most 3 nudges delivered per local week (Mon–Sun); the rest held for the digest.
            let busy = of(p.busy).filter { $0.kind.hasPrefix("check_in.due") }
            #expect(busy.count == 10)
            let zone = TimeZone(identifier: "Asia/Tokyo")!
            let byWeek = Dictionary(grouping: busy.filter { $0.state == "delivered" }) {
                NotificationPolicy.weekStart(of: $0.delivered!, in: zone)
            }
            #expect(byWeek.values.map(\.count).sorted() == [3, 3], "3 due-soon on 12-03 (week of 11-30), 3 due on 12-07 (week of 12-07)")
            #expect(busy.filter { $0.state == "digested" }.allSatisfy { $0.reason == "weekly_cap" })
            #expect(busy.filter { $0.state == "digested" }.count == 4)
            #expect(of(p.busy, "notifications.digest").map(\.delivered) == [instant("2026-12-03T09:00:00Z"), instant("2026-12-07T09:00:00Z")])

            // Escalations: one per unsubmitted check-in (all 8), delivered at once on 12-08 09:00 Tokyo, though the
            // reviewer muted the kind, is in quiet hours and takes a digest.
            let escalations = of(p.reviewer, "check_in.overdue")
            #expect(escalations.count == 8)
            #expect(escalations.allSatisfy { $0.state == "delivered" && $0.delivered == instant("2026-12-08T00:00:00Z") })

            // Inbox: muted and held ones are not shown; digested ones are.
            let inbox = try await store.tenant(p.org) { tx in
                try await NotificationRepository.list(tx, member: p.muter, unreadOnly: false, before: nil, limit: 50)
            }
            #expect(inbox.items.map(\.kind) == ["check_in.due"])

            // E-mail: queued for what was delivered (and for digests), never for held or muted ones, never for the
            // member who turned e-mail off.
            let emailed = try await store.tenant(p.org) { tx in
                try await tx.query(
                    """
                    SELECT n.member_id, n.kind, n.state FROM mail_outbox o
                    JOIN notification n ON n.org_id = o.org_id AND n.id = o.notification_id
                    JOIN job j ON j.org_id = o.org_id AND j.unique_key = 'mail:' || o.id::text AND j.kind = 'mail.send'
                    """
                ).decode((UUID, String, String).self)
            }
            #expect(emailed.allSatisfy { $0.2 == "delivered" })
            #expect(!emailed.contains { $0.0 == p.digester })
            let expectedEmails = rows.filter { $0.state == "delivered" && $0.member != p.digester }.count
            #expect(emailed.count == expectedEmails)
        }
    }
}
