import Database
import Domain
import Foundation
import Store
import Testing
import TestSupport
import UseCases

/// Creating a meeting body plans its series for the next 12 months in the org's zone and business calendar;
/// only those who manage meetings where it lives may; archiving cancels what is still to come.
@Suite struct MeetingBodiesTests {
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

    @Test func aSecondTuesdaySeriesIsPlannedAYearAheadOffClosedDays() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let org = fixture.a
            // 2027-01-12 (the 2nd Tuesday) is a closure day and the 11th is 成人の日: the meeting moves to Friday the 8th.
            _ = try await store.tenant(org.id) { tx in
                try await tx.execute("INSERT INTO org_closure (org_id, day, name) VALUES (\(org.id), '2027-01-12', '棚卸し')")
            }
            let manager = try await caller(store, org.id, org.member)
            let cadence = Recurrence.nthWeekday(n: 2, weekday: 2, at: LocalTime(hour: 10, minute: 0)!, shift: .previous)
            let body = try await store.tenant(org.id) { tx in
                try await MeetingBodies(tx, manager).create(.init(
                    name: "East 月次レビュー", purpose: .decide, objective: "更新と拡大の判断をする", teamID: org.team, facilitatorID: org.member,
                    participants: [.member(org.member)], cadence: cadence, durationMinutes: 90))
            }
            #expect(body.companyID == org.company, "the team's company is filled in")
            #expect(body.template == .standard(for: .decide))
            let series = try await store.tenant(org.id) { tx in try await MeetingRepository.upcoming(tx, body: body.id, from: .distantPast) }
            #expect(series.map(\.nominal) == [
                "2026-12-08T10:00", "2027-01-08T10:00", "2027-02-09T10:00", "2027-03-09T10:00", "2027-04-13T10:00", "2027-05-11T10:00",
                "2027-06-08T10:00", "2027-07-13T10:00", "2027-08-10T10:00", "2027-09-14T10:00", "2027-10-12T10:00", "2027-11-09T10:00",
            ])
            // 10:00 in Tokyo is 01:00 UTC, and each lasts its 90 minutes.
            #expect(series.first?.startsAt == TestClock.instant("2026-12-08T10:00:00+09:00"))
            #expect(series.allSatisfy { $0.endsAt.timeIntervalSince($0.startsAt) == 5400 })

            // A member without meetings.manage there is refused; another org cannot see the body.
            let other = UUID.v7()
            _ = try await store.tenant(org.id) { tx in
                try await tx.execute(
                    "INSERT INTO member (org_id, id, email, display_name, locale) VALUES (\(org.id), \(other), 'csm@example.com', 'CSM', 'ja')")
                try await tx.execute(
                    """
                    INSERT INTO role_grant (org_id, id, member_id, role, scope_type, scope_id)
                    VALUES (\(org.id), \(UUID.v7()), \(other), 'csm', 'team', \(org.team))
                    """)
            }
            let csm = try await caller(store, org.id, other)
            await #expect(throws: DomainError.self) {
                try await store.tenant(org.id) { tx in
                    try await MeetingBodies(tx, csm).create(.init(name: "勝手な会議", purpose: .share, objective: "共有", teamID: org.team))
                }
            }
            let outsider = try await caller(store, fixture.b.id, fixture.b.member)
            await #expect(throws: DomainError.self) {
                try await store.tenant(fixture.b.id) { tx in try await MeetingBodies(tx, outsider).get(body.id) }
            }

            // Archiving cancels every occurrence still to come; calendars see each cancellation.
            _ = try await store.tenant(org.id) { tx in try await MeetingBodies(tx, manager).archive(body.id, expectedVersion: body.version) }
            let after = try await store.tenant(org.id) { tx in try await MeetingRepository.upcoming(tx, body: body.id, from: .distantPast) }
            #expect(after.count == 12 && after.allSatisfy { $0.state == .cancelled && $0.sequence == 1 })
        }
    }
}
