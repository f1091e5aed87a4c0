import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport

/// Success programs in the store: one running enrolment per customer, the goal sheet's agreements kept as history,
/// and row-level security below the repositories' own org conditions.
@Suite struct ProgramRepositoryTests {
    static let tables = ["program_template", "enrolment", "program_session", "goal_sheet", "goal_sheet_agreement", "goal_sheet_link",
                         "csm_capacity", "program_reminder_sent"]

    func seed(_ store: Store, _ org: StoreFixture.Org) async throws -> (Enrolment, GoalSheet) {
        try await store.tenant(org.id) { tx in
            let template = try await ProgramTemplateRepository.insert(tx, ProgramTemplate(
                id: .v7(), name: "GPO", sessions: ProgramTemplate.standardSessions(), createdAt: TestClock.reference, updatedAt: TestClock.reference))
            let customer = Customer(
                id: .v7(), name: "朝日物産", companyID: org.company, teamID: org.team, phaseSince: LocalDate(year: 2026, month: 4, day: 1)!,
                createdAt: TestClock.reference, updatedAt: TestClock.reference)
            _ = try await CustomerRepository.insert(tx, customer, by: nil)
            let enrolment = try await EnrolmentRepository.insert(tx, Enrolment(
                id: .v7(), customerID: customer.id, template: template, startDate: LocalDate(year: 2026, month: 10, day: 20)!, csmID: org.member,
                participantIDs: [], createdAt: TestClock.reference))
            _ = try await ProgramSessionRepository.insert(tx, ProgramSession(
                id: .v7(), enrolmentID: enrolment.id, kind: .other, heldOn: LocalDate(year: 2026, month: 11, day: 2)!, durationMinutes: 30,
                createdAt: TestClock.reference, updatedAt: TestClock.reference))
            let owner = Contact(id: .v7(), customerID: customer.id, externalID: nil, name: "田中", email: nil, phone: nil, role: nil, decisionMaker: false, erasedAt: nil, createdAt: TestClock.reference, updatedAt: TestClock.reference, version: 1)
            let decider = Contact(id: .v7(), customerID: customer.id, externalID: nil, name: "佐藤", email: nil, phone: nil, role: nil, decisionMaker: false, erasedAt: nil, createdAt: TestClock.reference, updatedAt: TestClock.reference, version: 1)
            _ = try await ContactRepository.insert(tx, owner)
            _ = try await ContactRepository.insert(tx, decider)
            var sheet = try await GoalSheetRepository.insert(tx, GoalSheet(
                id: .v7(), enrolmentID: enrolment.id,
                content: GoalSheetContent(businessGoal: "締めを早める", kpiName: "営業日", kpiTarget: 5, usageGoal: "全員が使う",
                                          clientOwnerID: owner.id, decisionMakerID: decider.id),
                createdAt: TestClock.reference, updatedAt: TestClock.reference))
            try sheet.agree(.csm, by: org.member, toVersion: 1, csmID: org.member, at: TestClock.reference)
            sheet = try await GoalSheetRepository.save(tx, sheet)
            _ = try await CSMCapacityRepository.set(tx, CSMCapacity(memberID: org.member, monthlyMinutes: 600), by: org.member)
            _ = try await EnrolmentRepository.markSent(tx, enrolment: enrolment.id, key: "over_budget:1")
            _ = try await GoalSheetLinkRepository.insert(
                tx, id: .v7(), tokenHash: Array(repeating: 7, count: 32), enrolment: enrolment.id, party: .clientOwner, contact: owner.id,
                sheetVersion: 1, expiresAt: TestClock.reference.addingTimeInterval(3600), by: org.member)
            return (enrolment, sheet)
        }
    }

    @Test func oneRunningProgramAndAgreementsKeptAsHistory() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = try await StoreFixture.make(store).a
            let (enrolment, sheet) = try await seed(store, org)
            #expect(sheet.agreements.count == 1 && sheet.current(.csm) != nil)
            // A second running program for the customer is a conflict on customer_id; once completed, another may start.
            var second = enrolment
            second.id = .v7()
            do {
                _ = try await store.tenant(org.id) { tx in try await EnrolmentRepository.insert(tx, second) }
                Issue.record("a second running enrolment was stored")
            } catch let error as DomainError {
                #expect(error.code == .conflict && error.field == "customer_id")
            }
            // An edit makes version 2: the CSM's agreement stays, for version 1 only.
            let edited = try await store.tenant(org.id) { tx in
                var locked = try #require(try await GoalSheetRepository.get(tx, enrolment: enrolment.id, lock: true))
                try locked.edit(GoalSheetContent(businessGoal: "締めを4日早める", kpiName: "営業日", kpiTarget: 4, usageGoal: "全員が使う",
                                                 clientOwnerID: sheet.content.clientOwnerID, decisionMakerID: sheet.content.decisionMakerID),
                                at: TestClock.reference)
                return try await GoalSheetRepository.save(tx, locked)
            }
            #expect(edited.version == 2 && edited.agreements.count == 1 && edited.current(.csm) == nil)
            // The reminder key is sent once.
            #expect(try await store.tenant(org.id) { tx in try await EnrolmentRepository.markSent(tx, enrolment: enrolment.id, key: "over_budget:1") } == false)
        }
    }

    @Test func rowLevelSecurityKeepsEachOrgToItsOwn() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let (enrolment, _) = try await seed(store, fixture.a)
            for table in Self.tables {
                let seen = try await store.tenant(fixture.b.id) { tx in try await tx.query("SELECT count(*)::bigint FROM \(identifier: table)").scalar(Int.self) }
                #expect(seen == 0, "\(table)")
                let own = try await store.tenant(fixture.a.id) { tx in try await tx.query("SELECT count(*)::bigint FROM \(identifier: table)").scalar(Int.self) }
                #expect(own ?? 0 > 0, "\(table) was seeded")
            }
            #expect(try await store.tenant(fixture.b.id) { tx in try await EnrolmentRepository.get(tx, id: enrolment.id) } == nil)
            let moved = try await store.tenant(fixture.b.id) { tx in
                try await tx.execute("UPDATE enrolment SET state = 'cancelled' WHERE id = \(enrolment.id)")
            }
            #expect(moved == 0)
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(fixture.b.id) { tx in
                    try await tx.execute(
                        """
                        INSERT INTO program_template (org_id, id, name, months, monthly_budget_minutes)
                        VALUES (\(fixture.a.id), \(UUID.v7()), 'planted', 3, 300)
                        """)
                }
            }
        }
    }
}
