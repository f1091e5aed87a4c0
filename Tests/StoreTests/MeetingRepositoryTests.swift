import Database
@testable import Domain
import Foundation
import Store
import Testing
import TestSupport

/// Meeting bodies round-trip whole, and a series is planned once per cadence date however often (or however
/// concurrently) the planner runs.
@Suite struct MeetingRepositoryTests {
    @Test func aBodyRoundTripsAndASeriesIsPlannedOncePerDate() async throws {
        try await TestDatabase.with { db, _ in
            let store = Store.testing(db)
            let fixture = try await StoreFixture.make(store)
            let org = fixture.a
            let now = Date(timeIntervalSince1970: 1_796_691_600)
            let cadence = Recurrence.nthWeekday(n: 2, weekday: 2, at: LocalTime(hour: 10, minute: 0)!, shift: .previous)
            let body = MeetingBody(
                id: .v7(), name: "SMB 月次レビュー", purpose: .decide, objective: "更新と拡大の判断", companyID: org.company, teamID: org.team,
                facilitatorID: org.member, participants: [.member(org.member), .position(UUID())], cadence: cadence, durationMinutes: 60,
                agendaLeadDays: 2, template: .standard(for: .decide), createdAt: now, updatedAt: now)
            let saved = try await store.tenant(org.id) { tx in try await MeetingBodyRepository.insert(tx, body) }
            #expect(saved.participants == body.participants && saved.cadence == cadence && saved.template == body.template)
            #expect(saved.purpose == .decide && saved.version == 1)

            func occurrence(_ nominal: String, _ offset: TimeInterval) -> Recurrence.Occurrence {
                Recurrence.Occurrence(nominal: nominal, instant: now.addingTimeInterval(offset))
            }
            let first = [occurrence("2027-01-12T10:00", 0), occurrence("2027-02-09T10:00", 86_400 * 28)]
            let planned = try await store.tenant(org.id) { tx in
                try await MeetingRepository.plan(tx, body: saved.id, occurrences: first, duration: 3600)
            }
            #expect(planned.count == 2 && planned.allSatisfy { $0.endsAt.timeIntervalSince($0.startsAt) == 3600 })
            // Planned again with one more date: only the new date is made.
            let again = try await store.tenant(org.id) { tx in
                try await MeetingRepository.plan(tx, body: saved.id, occurrences: first + [occurrence("2027-03-09T10:00", 86_400 * 56)], duration: 3600)
            }
            #expect(again.map(\.nominal) == ["2027-03-09T10:00"])
            // A cancelled date can be planned anew, and calendars see the cancellation (SEQUENCE moved).
            try await store.tenant(org.id) { tx in try await MeetingRepository.cancel(tx, ids: [planned[0].id]) }
            let (cancelled, replanned, previous) = try await store.tenant(org.id) { tx in
                (try await MeetingRepository.get(tx, id: planned[0].id),
                 try await MeetingRepository.plan(tx, body: saved.id, occurrences: [first[0]], duration: 3600),
                 try await MeetingRepository.previous(tx, body: saved.id, before: now.addingTimeInterval(86_400 * 56)))
            }
            #expect(cancelled?.state == .cancelled && cancelled?.sequence == 1)
            #expect(replanned.count == 1)
            #expect(previous?.nominal == "2027-02-09T10:00")
            // Another org sees none of it.
            let elsewhere = try await store.tenant(fixture.b.id) { tx in
                (try await MeetingBodyRepository.get(tx, id: saved.id), try await MeetingRepository.upcoming(tx, body: saved.id, from: .distantPast))
            }
            #expect(elsewhere.0 == nil && elsewhere.1.isEmpty)
        }
    }
}
