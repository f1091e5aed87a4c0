import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport

/// Three months of a monthly meeting run in time by the worker (`runOnce(now:)` at chosen instants, as
/// `banso worker --once --now …` does): a body on "2nd Tuesday 10:00, previous business day if closed" in Asia/Tokyo
/// gets the right occurrences, each agenda is written two business days ahead — not a day earlier — and holds
/// exactly what the data calls for: a customer that dropped to C appears once, with the reason, and not again the
/// next month while it stays C. Each participant is told, seeing only what they may.
@Suite struct MeetingAgendaTimeTravelTests {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func threeMonthsOfSecondTuesdays() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = UUID.v7(), company = UUID.v7(), other = UUID.v7(), team = UUID.v7()
            let manager = UUID.v7(), csm = UUID.v7(), viewer = UUID.v7(), customer = UUID.v7()
            try await store.system { tx in
                try await tx.execute(
                    "INSERT INTO org (id, slug, name, time_zone) VALUES (\(org), \("m-" + org.uuidString.suffix(12).lowercased()), 'Meetings', 'Asia/Tokyo')")
                try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
                try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(other), 'Enterprise')")
                try await tx.execute("INSERT INTO team (org_id, id, company_id, name) VALUES (\(org), \(team), \(company), 'East')")
                for (id, email, name) in [(manager, "m@t.example", "佐藤"), (csm, "c@t.example", "鈴木"), (viewer, "v@t.example", "田中")] {
                    try await tx.execute(
                        "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org), \(id), \(email), \(name), 'ja')")
                }
                for (member, role, scope, scopeID) in [(manager, "manager", "company", company), (csm, "csm", "team", team),
                                                       (viewer, "viewer", "company", other)] {
                    try await tx.execute(
                        """
                        INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
                        VALUES (\(org), \(UUID.v7()), \(member), \(role), \(scope), \(scopeID))
                        """)
                }
                // 年末年始, and a stock-take on Tuesday 2027-01-12: with 成人の日 on the 11th, January meets on Friday the 8th.
                for day in BusinessCalendar.newYearClosure(for: 2026).union(BusinessCalendar.newYearClosure(for: 2027)) {
                    try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org), \(day), '年末年始')")
                }
                try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org), '2027-01-12', '棚卸し')")
                try await tx.execute("INSERT INTO health_model (org_id, version, definition) VALUES (\(org), 1, '{}')")
                try await tx.execute(
                    """
                    INSERT INTO customer (org_id, id, name, sort_key, company_id, team_id, owner_id, phase_since, health_grade)
                    VALUES (\(org), \(customer), 'あおぞら商事', 'アオゾラショウジ', \(company), \(team), \(csm), '2026-04-01', 'C')
                    """)
                // A in November; C on 20 December (a drop, between the December and January meetings); still C in January.
                for (when, grade, total) in [("2026-11-10T09:00:00+09:00", "A", 85.0), ("2026-12-20T09:00:00+09:00", "C", 48.0),
                                             ("2027-01-20T09:00:00+09:00", "C", 47.0)] {
                    let at = instant(when)
                    try await tx.execute(
                        """
                        INSERT INTO health_score (org_id, id, customer_id, model_version, month, scored_at, total, grade, contributions)
                        VALUES (\(org), \(UUID.v7()), \(customer), 1, date_trunc('month', \(at) AT TIME ZONE 'Asia/Tokyo')::date, \(at),
                            \(total), \(grade),
                            '[{"kind": "nps", "raw": -20, "normalised": 0.2, "weight": 0.5, "share": 0.5, "contribution": 10}]'::jsonb)
                        """)
                }
            }
            let created = instant("2026-11-30T00:00:00Z")
            _ = try await store.tenant(org) { tx in
                let body = MeetingBody(
                    id: .v7(), name: "East 月次レビュー", purpose: .decide, objective: "更新と拡大の判断をする", companyID: company, teamID: team,
                    facilitatorID: manager, participants: [.member(csm), .member(viewer)],
                    cadence: .nthWeekday(n: 2, weekday: 2, at: LocalTime(hour: 10, minute: 0)!, shift: .previous), durationMinutes: 60,
                    agendaLeadDays: 2, template: .standard(for: .decide), createdAt: created, updatedAt: created)
                _ = try await MeetingBodyRepository.insert(tx, body)
                let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                try await ScheduleRepository.upsert(
                    tx, MeetingAgendas.schedule(org: org, zone: TimeZone(identifier: "Asia/Tokyo")!, calendar: calendar, now: created))
            }
            let worker = JobWorker(store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 2)],
                                   handlers: MeetingAgendas.handlers)

            struct Occurrence { var nominal: String; var startsAt: Date; var written: Bool }
            func series() async throws -> [Occurrence] {
                try await store.tenant(org) { tx in
                    try await tx.query(
                        "SELECT nominal, starts_at, agenda_generated_at IS NOT NULL FROM meeting WHERE state = 'planned' ORDER BY starts_at LIMIT 3"
                    ).decode((String, Date, Bool).self).map { Occurrence(nominal: $0.0, startsAt: $0.1, written: $0.2) }
                }
            }
            func agenda(_ nominal: String) async throws -> [(section: String, title: String, code: String?, values: String?)] {
                try await store.tenant(org) { tx in
                    try await tx.query(
                        """
                        SELECT a.section_key, a.title, a.reason->>'code', a.reason->'values'->>'from' || '→' || (a.reason->'values'->>'to')
                        FROM agenda_item a JOIN meeting m ON m.org_id = a.org_id AND m.id = a.meeting_id
                        WHERE m.nominal = \(nominal) ORDER BY a.section_key, a.position
                        """
                    ).decode((String, String, String?, String?).self).map { (section: $0.0, title: $0.1, code: $0.2, values: $0.3) }
                }
            }

            // 3 December, 06:30 Tokyo: the series is planned — off the closed 12 January — and no agenda is due yet.
            try await worker.runOnce(now: instant("2026-12-02T21:30:00Z"))
            var planned = try await series()
            #expect(planned.map(\.nominal) == ["2026-12-08T10:00", "2027-01-08T10:00", "2027-02-09T10:00"])
            #expect(planned.map(\.startsAt) == [instant("2026-12-08T01:00:00Z"), instant("2027-01-08T01:00:00Z"), instant("2027-02-09T01:00:00Z")])
            #expect(planned.allSatisfy { !$0.written })

            // 4 December (two business days before Tuesday the 8th): December's agenda. The A in November is no drop.
            try await worker.runOnce(now: instant("2026-12-03T21:30:00Z"))
            planned = try await series()
            #expect(planned.map(\.written) == [true, false, false])
            #expect(try await agenda("2026-12-08T10:00").filter { $0.section == "health" }.isEmpty)

            // 5 January: not yet (Friday the 8th's agenda is written on Wednesday the 6th, past the New Year closure).
            try await worker.runOnce(now: instant("2027-01-04T21:30:00Z"))
            #expect(try await series().map(\.written) == [true, false, false])
            try await worker.runOnce(now: instant("2027-01-05T21:30:00Z"))
            #expect(try await series().map(\.written) == [true, true, false])
            let january = try await agenda("2027-01-08T10:00").filter { $0.section == "health" }
            #expect(january.map(\.title) == ["あおぞら商事"], "the customer that fell, once")
            #expect(january.first?.code == "health_dropped" && january.first?.values == "A→C")

            // February: written on Friday the 5th for Tuesday the 9th; the customer stayed C, so it is not raised again.
            try await worker.runOnce(now: instant("2027-02-03T21:30:00Z"))
            #expect(try await series().map(\.written) == [true, true, false])
            try await worker.runOnce(now: instant("2027-02-04T21:30:00Z"))
            #expect(try await series().map(\.written) == [true, true, true])
            #expect(try await agenda("2027-02-09T10:00").filter { $0.section == "health" }.isEmpty)

            // Everyone was told three times; the CSM's January notice names the customer, the other company's viewer's
            // does not (they may not read SMB's customers).
            let notices = try await store.tenant(org) { tx in
                try await tx.query(
                    "SELECT member_id, body FROM notification WHERE kind = 'meeting.agenda' ORDER BY created_at"
                ).decode((UUID, String).self)
            }
            for member in [manager, csm, viewer] {
                #expect(notices.filter { $0.0 == member }.count == 3, "\(member)")
            }
            #expect(notices.filter { $0.0 == csm }.contains { $0.1.contains("あおぞら商事") })
            #expect(!notices.filter { $0.0 == viewer }.contains { $0.1.contains("あおぞら商事") })
            // A second run on the same day writes nothing again.
            try await worker.runOnce(now: instant("2027-02-04T22:00:00Z"))
            let again = try await store.tenant(org) { tx in
                try await tx.query("SELECT count(*) FROM notification WHERE kind = 'meeting.agenda'").scalar(Int.self)
            }
            #expect(again == 9)
        }
    }
}
