import Domain
import Foundation
import Store
import UseCases

/// The demo's meeting bodies: Enterprise's monthly decision meeting (2nd Tuesday 10:00, the business day before
/// when closed) with its next agenda already written from the demo's data, and SMB's weekly share on Mondays —
/// so the meetings pages, the calendar feed and the agenda show something real from the first sign-in.
enum DemoMeetings {
    static func seed(
        _ tx: TenantTransaction, people: [String: UUID], enterprise: UUID, smb: UUID, teams: [UUID], now: Date
    ) async throws {
        func person(_ name: String) -> UUID { people[name]! }
        let monthly = MeetingBody(
            id: .v7(), name: "エンタープライズ月次レビュー", purpose: .decide,
            objective: "更新・拡大の判断と、ヘルスが下がった顧客への打ち手を決める", companyID: enterprise, teamID: nil,
            facilitatorID: person("sato"), participants: [.member(person("suzuki")), .member(person("takahashi")), .member(person("emily"))],
            cadence: .nthWeekday(n: 2, weekday: 2, at: LocalTime(hour: 10, minute: 0)!, shift: .previous), durationMinutes: 60,
            agendaLeadDays: 2, template: .standard(for: .decide), createdAt: now, updatedAt: now)
        let weekly = MeetingBody(
            id: .v7(), name: "SMB 週次共有", purpose: .share, objective: "今週の数字と遅れているチェックインを全員で確認する",
            companyID: smb, teamID: teams[2], facilitatorID: person("tanaka"), participants: [.member(person("ito"))],
            cadence: .weekly(weekdays: [1], at: LocalTime(hour: 9, minute: 30)!, onClosedDay: .shift(.next)), durationMinutes: 30,
            agendaLeadDays: 1, template: .standard(for: .share), createdAt: now, updatedAt: now)
        for body in [monthly, weekly] {
            let saved = try await MeetingBodyRepository.insert(tx, body)
            try await MeetingBodies.replan(tx, saved, now: now)
            if let next = try await MeetingRepository.upcoming(tx, body: saved.id, from: now, limit: 1).first {
                try await Meetings.write(tx, meeting: next, body: saved, now: now, author: nil)
            }
        }
    }
}
