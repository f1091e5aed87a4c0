import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport
import UseCases

/// Success definitions in the store: one live definition per tier and scope, row-level security below the
/// repositories' own org conditions, and a success program's result marking measures through the use case.
@Suite struct SuccessDefinitionRepositoryTests {
    func definition(tier: SuccessTier, company: UUID? = nil, measures: [SuccessMeasure]? = nil) -> SuccessDefinition {
        SuccessDefinition(
            id: .v7(), tier: tier, companyID: company, definition: "現場で価値が出る", audience: "現場", aims: [],
            measures: measures ?? [SuccessMeasure(id: .v7(), name: "締めが早まった", criterion: .manual)], responsibleTeamID: nil,
            method: "", createdAt: TestClock.reference, updatedAt: TestClock.reference)
    }

    @Test func oneLiveDefinitionPerTierAndScope() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = try await StoreFixture.make(store).a
            let light = try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.insert(tx, definition(tier: .light), by: org.member) }
            // The org's light twice is a conflict on the tier; the company's own light and the org's deep are not.
            do {
                _ = try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.insert(tx, definition(tier: .light), by: nil) }
                Issue.record("a second live org-wide light definition was stored")
            } catch let error as DomainError {
                #expect(error.code == .conflict && error.field == "tier")
            }
            _ = try await store.tenant(org.id) { tx in
                try await SuccessDefinitionRepository.insert(tx, definition(tier: .light, company: org.company), by: nil)
                try await SuccessDefinitionRepository.insert(tx, definition(tier: .deep), by: nil)
            }
            await #expect(throws: DomainError.self) {
                try await store.tenant(org.id) { tx in
                    try await SuccessDefinitionRepository.insert(tx, definition(tier: .light, company: org.company), by: nil)
                }
            }
            // Archived, it frees the tier.
            var archived = light
            archived.archivedAt = TestClock.reference
            let saved = try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.update(tx, archived) }
            #expect(saved?.version == 2 && saved?.archivedAt != nil)
            let again = try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.insert(tx, definition(tier: .light), by: nil) }
            let live = try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.live(tx) }
            #expect(live.count == 3 && live.contains { $0.id == again.id } && !live.contains { $0.id == light.id })
            // A stale version saves nothing.
            #expect(try await store.tenant(org.id) { tx in try await SuccessDefinitionRepository.update(tx, archived) } == nil)
        }
    }

    @Test func rowLevelSecurityKeepsEachOrgToItsOwn() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let (a, b) = (fixture.a, fixture.b)
            let stored = try await store.tenant(a.id) { tx in try await SuccessDefinitionRepository.insert(tx, definition(tier: .light), by: a.member) }
            // Without any org condition, Beta's transaction sees none of Alpha's rows in any of the part's tables.
            for table in ["success_definition", "customer_measure_status", "customer_measure_assessment", "customer_success_reached"] {
                let seen = try await store.tenant(b.id) { tx in try await tx.query("SELECT count(*)::bigint FROM \(identifier: table)").scalar(Int.self) }
                #expect(seen == 0, "\(table)")
            }
            #expect(try await store.tenant(b.id) { tx in try await SuccessDefinitionRepository.get(tx, id: stored.id) } == nil)
            // Nor can it write a row into Alpha.
            await #expect(throws: DatabaseError.self) {
                try await store.tenant(b.id) { tx in
                    try await tx.execute(
                        """
                        INSERT INTO success_definition (org_id, id, tier, definition, audience, measures)
                        VALUES (\(a.id), \(UUID.v7()), 'deep', 'planted', 'x', '[{}]')
                        """)
                }
            }
            let renamed = try await store.tenant(b.id) { tx in
                try await tx.execute("UPDATE success_definition SET definition = 'taken' WHERE id = \(stored.id)")
            }
            #expect(renamed == 0)
        }
    }

    @Test func aProgramsResultMarksTheMeasuresItStoodFor() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let org = try await StoreFixture.make(store).a
            let closing = SuccessMeasure(id: .v7(), name: "締めが3日早まった", criterion: .manual)
            let usage = SuccessMeasure(id: .v7(), name: "毎日使っている", criterion: .manual)
            let seats = SuccessMeasure(id: .v7(), name: "Seats", criterion: .metric(name: "seats", comparison: .atLeast, threshold: 50))
            let light = definition(tier: .light, measures: [closing, usage])
            let deep = definition(tier: .deep, measures: [seats])
            let customer = Customer(
                id: .v7(), name: "朝日物産", companyID: org.company, teamID: org.team, phaseSince: LocalDate(year: 2026, month: 4, day: 1)!,
                createdAt: TestClock.reference, updatedAt: TestClock.reference)
            try await store.tenant(org.id) { tx in
                _ = try await SuccessDefinitionRepository.insert(tx, light, by: nil)
                _ = try await SuccessDefinitionRepository.insert(tx, deep, by: nil)
                _ = try await CustomerRepository.insert(tx, customer, by: nil)
            }
            let manager = try await caller(store, org.id, org.member)
            let enrolment = UUID.v7()
            let today = LocalDate(year: 2026, month: 11, day: 24)!

            // A program that fell short marks the unjudged measure not met and leaves alone what was judged met.
            _ = try await store.tenant(org.id) { tx in
                try await CustomerSuccess(tx, manager).assess(
                    customer.id, definition: light.id, measure: usage.id, .init(state: .met, evidence: "毎日ログイン", on: nil), expectedVersion: nil)
            }
            let short = try await store.tenant(org.id) { tx in
                try await CustomerSuccess(tx, manager).recordFromProgram(
                    customer: customer.id, .init(enrolmentID: enrolment, measureIDs: [closing.id, usage.id], met: false, evidence: "目標未達", on: today))
            }
            let shortLight = try #require(short.tiers.first { $0.tier == .light })
            #expect(shortLight.measures.map(\.state) == [.notMet, .met] && !shortLight.reached)

            // The program that reached its goal marks both met, with its evidence and the enrolment as source: light is reached.
            let reached = try await store.tenant(org.id) { tx in
                try await CustomerSuccess(tx, manager).recordFromProgram(
                    customer: customer.id,
                    .init(enrolmentID: enrolment, measureIDs: [closing.id, usage.id], met: true, evidence: "成果発表会で締め 2 日を報告", on: today))
            }
            let lightTier = try #require(reached.tiers.first { $0.tier == .light })
            #expect(lightTier.reached && lightTier.reachedOn == today)
            #expect(lightTier.measures.allSatisfy { $0.source == .program && $0.status?.evidence == "成果発表会で締め 2 日を報告" })
            #expect(reached.history.first?.sourceID == enrolment)
            #expect(reached.periods.map(\.tier) == [.light])
            let timeline = try await store.tenant(org.id) { tx in
                try await TimelineRepository.list(tx, filter: .init(customerID: customer.id, tag: .light), visibleTo: manager.identity.reach(.readCustomers),
                                                  after: nil, limit: 10)
            }
            #expect(timeline.items.map(\.entry.title) == ["ライトサクセスに到達しました"])

            // A bound measure, or one of no definition that applies, cannot be marked by a program.
            for wrong in [seats.id, UUID.v7()] {
                do {
                    _ = try await store.tenant(org.id) { tx in
                        try await CustomerSuccess(tx, manager).recordFromProgram(
                            customer: customer.id, .init(enrolmentID: enrolment, measureIDs: [wrong], met: true, evidence: "x", on: today))
                    }
                    Issue.record("measure \(wrong) was marked by a program")
                } catch let error as DomainError {
                    #expect(error.field == "measure_ids")
                }
            }
        }
    }

    func caller(_ store: Store, _ org: UUID, _ member: UUID) async throws -> Caller {
        let (grants, structure) = try await store.tenant(org) { tx in
            (try await GrantRepository.forMember(tx, member: member), try await TeamRepository.structure(tx))
        }
        let identity = Identity(
            orgID: org, memberID: member,
            credential: Credential(kind: .session, id: .v7(), orgID: org, memberID: member, scopes: nil),
            actor: Actor(memberID: member, grants: grants.map(\.grant), tokenScopes: nil), structure: structure, fiscalYearStartMonth: 4)
        return Caller(identity: identity, requestID: "test", now: store.now)
    }
}
