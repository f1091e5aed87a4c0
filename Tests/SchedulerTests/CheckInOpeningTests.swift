import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// Opening check-ins set-based (the monthly fan-out) does what opening them one by one does: the same check-in
/// days and reviewer, the same three reminders per check-in with the same unique keys — and a second run opens
/// nothing and queues nothing.
@Suite struct CheckInOpeningTests {
    @Test func setBasedOpeningMatchesOneByOneAndIsIdempotent() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = UUID.v7(), company = UUID.v7(), manager = UUID.v7()
            let owners = [UUID.v7(), UUID.v7()]
            let goals = (0..<5).map { _ in UUID.v7() }
            try await store.system { tx in
                try await tx.execute(
                    "INSERT INTO org (id, slug, name, time_zone) VALUES (\(org), \("o-" + org.uuidString.suffix(12).lowercased()), 'Open', 'Asia/Tokyo')")
                try await tx.execute("INSERT INTO company (org_id, id, name) VALUES (\(org), \(company), 'SMB')")
                for (i, id) in ([manager] + owners).enumerated() {
                    try await tx.execute("INSERT INTO member (org_id, id, email, display_name) VALUES (\(org), \(id), \("m\(i)@o.example"), \("m\(i)"))")
                }
                try await tx.execute(
                    "INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id) VALUES (\(org), \(UUID.v7()), \(manager), 'manager', 'company', \(company))")
                for (i, goal) in goals.enumerated() {
                    try await tx.execute(
                        """
                        INSERT INTO goal (org_id, id, kind, title, owner_id, scope_kind, company_id, period, period_start, period_end,
                            metric, unit, baseline, target, due_date)
                        VALUES (\(org), \(goal), 'kpi', \("KPI \(i)"), \(owners[i % 2]), 'company', \(company), 'FY2026', '2026-04-01',
                            '2027-03-31', 'GRR', '%', 90, 95, '2027-03-31')
                        """)
                }
            }
            let period = CheckInPeriod.containing(LocalDate(iso: "2026-11-15")!, cadence: .monthly, fiscalYearStartMonth: 4)
            let (opened, single, again) = try await store.tenant(org) { tx in
                var facts = try await OrgFacts.load(tx, reader: nil)
                facts.today = LocalDate(iso: "2026-12-01")!
                let all = try await GoalRepository.reporting(tx, cadence: .monthly, start: period.start, end: period.end)
                #expect(all.count == 5)
                // The last goal one by one (the owner's first write), the other four set-based.
                let single = try await CheckInOpening.open(tx, goal: all[4], period: period, facts: facts)
                let opened = try await CheckInOpening.open(tx, goals: all, period: period, facts: facts)
                let again = try await CheckInOpening.open(tx, goals: all, period: period, facts: facts)
                return (opened, single, again)
            }
            #expect(single.1, "the one-by-one open created its check-in")
            #expect(opened.count == 4, "the set-based open skipped the goal that already had one")
            #expect(again.isEmpty, "a second run opens nothing")
            #expect(Set(opened.map(\.goalID) + [single.0.goalID]) == Set(goals))
            // Same days and reviewer whichever way they were opened.
            for checkIn in opened {
                #expect(checkIn.opensOn == single.0.opensOn && checkIn.dueOn == single.0.dueOn && checkIn.reviewBy == single.0.reviewBy)
                #expect(checkIn.reviewerID == manager)
            }
            #expect(single.0.reviewerID == manager)
            // Three reminders per check-in, at the same instants, keyed per (check-in, kind); nothing more after the rerun.
            let reminders = try await db.query(
                "SELECT payload->>'check_in_id', payload->>'kind', run_at, unique_key FROM job WHERE kind = \(CheckInOpening.reminderJobKind)"
            ).decode((String, String, Date, String).self)
            #expect(reminders.count == 15)
            #expect(Set(reminders.map(\.3)).count == 15)
            #expect(reminders.allSatisfy { $0.3 == "reminder:\($0.0):\($0.1)" })
            let singleID = single.0.id.uuidString.lowercased()
            let instantsByKind = { (id: String) in
                Dictionary(uniqueKeysWithValues: reminders.filter { $0.0 == id }.map { ($0.1, $0.2) })
            }
            let expected = instantsByKind(singleID)
            #expect(expected.count == 3)
            for checkIn in opened {
                #expect(instantsByKind(checkIn.id.uuidString.lowercased()) == expected)
            }
        }
    }
}
