import Database
import Domain
import Foundation
import Scheduler
import Store
import Testing
import TestSupport

/// A whole three-month success program run in time by the worker (`runOnce(now:)` every morning, as
/// `banso worker --once --now …` does) in Asia/Tokyo: the CSM is reminded of each session three days ahead, of the
/// goal sheet still not agreed two weeks in and of the presentation still not scheduled in month 2 — each on its
/// day and once — and nothing after the program ends; the team's weekly meeting sees the same programs in its
/// success sections, for the participants who may read the customer.
@Suite struct ProgramTimeTravelTests {
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func threeMonthsOfAProgram() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = UUID.v7(), company = UUID.v7(), team = UUID.v7(), manager = UUID.v7(), csm = UUID.v7(), customer = UUID.v7()
            try await store.system { tx in
                try await tx.execute(
                    "INSERT INTO org (id, slug, name, time_zone) VALUES (\(org), \("p-" + org.uuidString.suffix(12).lowercased()), 'Programs', 'Asia/Tokyo')")
                try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
                try await tx.execute("INSERT INTO team (org_id, id, company_id, name) VALUES (\(org), \(team), \(company), 'East')")
                for (id, email, name) in [(manager, "m@p.example", "佐藤"), (csm, "c@p.example", "鈴木")] {
                    try await tx.execute(
                        "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org), \(id), \(email), \(name), 'ja')")
                }
                for (member, role, scope, scopeID) in [(manager, "manager", "company", company), (csm, "csm", "team", team)] {
                    try await tx.execute(
                        """
                        INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
                        VALUES (\(org), \(UUID.v7()), \(member), \(role), \(scope), \(scopeID))
                        """)
                }
                try await tx.execute(
                    """
                    INSERT INTO customer (org_id, id, name, sort_key, company_id, team_id, owner_id, phase_since)
                    VALUES (\(org), \(customer), 'あおぞら商事', 'アオゾラショウジ', \(company), \(team), \(csm), '2026-12-01')
                    """)
            }
            let created = instant("2027-01-10T00:00:00Z")
            // Seed 002's program from Monday 18 January: months 01-18…02-17, 02-18…03-17, 03-18…04-17.
            let enrolment = try await store.tenant(org) { tx in
                let owner = try await ContactRepository.insert(tx, Contact(
                    id: .v7(), customerID: customer, externalID: nil, name: "山本", email: "yamamoto@aozora.example", phone: nil,
                    role: "経営企画", decisionMaker: false, erasedAt: nil, createdAt: created, updatedAt: created, version: 1))
                let decider = try await ContactRepository.insert(tx, Contact(
                    id: .v7(), customerID: customer, externalID: nil, name: "中村", email: "nakamura@aozora.example", phone: nil,
                    role: "取締役", decisionMaker: true, erasedAt: nil, createdAt: created, updatedAt: created, version: 1))
                let template = try await ProgramTemplateRepository.insert(tx, ProgramTemplate(
                    id: .v7(), name: "サクセスプログラム", sessions: ProgramTemplate.standardSessions(), createdAt: created, updatedAt: created))
                let enrolment = try await EnrolmentRepository.insert(tx, Enrolment(
                    id: .v7(), customerID: customer, template: template, startDate: LocalDate(iso: "2027-01-18")!, csmID: csm,
                    participantIDs: [owner.id, decider.id], createdAt: created))
                for (kind, day) in [(ProgramSessionKind.goalSetting, "2027-01-22"), (.pairSupport, "2027-02-10"), (.pairSupport, "2027-03-03")] {
                    _ = try await ProgramSessionRepository.insert(tx, ProgramSession(
                        id: .v7(), enrolmentID: enrolment.id, kind: kind, plannedOn: LocalDate(iso: day)!, createdAt: created, updatedAt: created))
                }
                // The sheet is written and the CSM has agreed; the client's two never do.
                var sheet = try await GoalSheetRepository.insert(tx, GoalSheet(
                    id: .v7(), enrolmentID: enrolment.id, content: GoalSheetContent(
                        businessGoal: "月次決算を 10 日から 5 日に", kpiName: "決算日数", kpiBaseline: 10, kpiTarget: 5, kpiDirection: .down,
                        usageGoal: "全拠点が予算を Banso で集める", clientOwnerID: owner.id, decisionMakerID: decider.id),
                    createdAt: created, updatedAt: created))
                try sheet.agree(.csm, by: csm, toVersion: 1, csmID: csm, at: created)
                _ = try await GoalSheetRepository.save(tx, sheet)
                // The team's weekly share meeting on Tuesdays, whose standard agenda has the success sections.
                let body = MeetingBody(
                    id: .v7(), name: "East 週次共有", purpose: .share, objective: "数字と状況を共有する", companyID: company, teamID: team,
                    facilitatorID: manager, participants: [.member(manager), .member(csm)],
                    cadence: .weekly(weekdays: [2], at: LocalTime(hour: 10, minute: 0)!), durationMinutes: 60,
                    agendaLeadDays: 2, template: .standard(for: .share), createdAt: created, updatedAt: created)
                _ = try await MeetingBodyRepository.insert(tx, body)
                let calendar = try await GoalSettingsRepository.businessCalendar(tx)
                let zone = TimeZone(identifier: "Asia/Tokyo")!
                try await ScheduleRepository.upsert(tx, MeetingAgendas.schedule(org: org, zone: zone, calendar: calendar, now: created))
                try await ScheduleRepository.upsert(tx, ProgramReminderRun.schedule(org: org, zone: zone, calendar: calendar, now: created))
                return enrolment
            }
            let worker = JobWorker(
                store: store, database: db, queues: [QueueConfiguration(name: "default", concurrency: 2)],
                handlers: MeetingAgendas.handlers.merging(ProgramReminderRun.handlers) { a, _ in a })

            // Every morning at 09:00 Tokyo from 11 January to 30 April; what the CSM was told, by the day it arrived.
            var day = LocalDate(iso: "2027-01-11")!
            var told: [(day: String, title: String)] = []
            while day <= LocalDate(iso: "2027-04-30")! {
                try await worker.runOnce(now: instant("\(day)T00:00:00Z"))
                let new = try await store.tenant(org) { tx in
                    try await tx.query(
                        "SELECT title FROM notification WHERE member_id = \(csm) AND kind = 'program.reminder' ORDER BY created_at, id"
                    ).decodeColumn(String.self)
                }
                for title in new.dropFirst(told.count) { told.append((day.description, title)) }
                day = day.adding(days: 1)
            }
            #expect(told.map(\.day) == ["2027-01-19", "2027-02-01", "2027-02-07", "2027-02-18", "2027-02-28"], "\(told)")
            #expect(told.map(\.title) == [
                "3 日後に目標設定セッション: あおぞら商事（2027-01-22）",
                "ゴールシートが未合意: あおぞら商事",
                "3 日後にペアサポートセッション: あおぞら商事（2027-02-10）",
                "成功発表会の日程が未定: あおぞら商事",
                "3 日後にペアサポートセッション: あおぞら商事（2027-03-03）",
            ])
            let kept = try await store.tenant(org) { tx in
                try await tx.query("SELECT count(*) FROM program_reminder_sent WHERE enrolment_id = \(enrolment.id)").scalar(Int.self)
            }
            #expect(kept == 5)

            // The weekly meeting of Tuesday 2 March (written on Friday 26 February): the session of 3 March, the
            // presentation still without a date and the sheet still not agreed, each with its reason.
            let items = try await store.tenant(org) { tx in
                try await tx.query(
                    """
                    SELECT a.section_key, a.title, a.reason->>'code' FROM agenda_item a
                    JOIN meeting m ON m.org_id = a.org_id AND m.id = a.meeting_id
                    WHERE m.nominal = '2027-03-02T10:00' AND a.section_key IN ('programs', 'presentations')
                    ORDER BY a.section_key, a.position
                    """
                ).decode((String, String, String).self)
            }
            #expect(items.map { "\($0.0) \($0.1) \($0.2)" } == [
                "presentations あおぞら商事 presentation_unscheduled",
                "programs あおぞら商事 program_session_planned",
                "programs あおぞら商事 goal_sheet_unagreed",
            ])
            // The meeting of 20 April, written on the 16th, still speaks of it; after the program (it ends on 17 April)
            // no agenda does.
            let late = try await store.tenant(org) { tx in
                try await tx.query(
                    """
                    SELECT count(*) FROM agenda_item a JOIN meeting m ON m.org_id = a.org_id AND m.id = a.meeting_id
                    WHERE m.starts_at > '2027-04-21T00:00:00Z' AND a.section_key IN ('programs', 'presentations')
                    """
                ).scalar(Int.self)
            }
            #expect(late == 0)
        }
    }
}
