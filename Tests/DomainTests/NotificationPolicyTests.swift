import Domain
import Foundation
import Testing

@Suite struct NotificationPolicyTests {
    let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    func instant(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func decide(_ kind: NotificationMessage.Kind, _ prefs: NotificationPreferences, at text: String, nudges: Int = 0, cap: Int? = nil)
        -> NotificationPolicy.Decision
    {
        NotificationPolicy.decide(kind, preferences: prefs, zone: tokyo, now: instant(text), nudgesThisWeek: nudges, weeklyCap: cap)
    }

    @Test func escalationsIgnoreEveryPreference() {
        let everything = NotificationPreferences(
            mutedKinds: Set(NotificationMessage.Kind.allCases), quietHours: QuietHours(start: LocalTime("00:00")!, end: LocalTime("23:59")!),
            digest: true)
        for kind in NotificationMessage.Kind.allCases where kind.urgency == .escalation {
            #expect(decide(kind, everything, at: "2026-12-08T00:00:00Z", nudges: 99, cap: 1) == .deliver, "\(kind)")
        }
    }

    @Test func muteThenDigestThenQuietThenCap() {
        let quiet = QuietHours(start: LocalTime("22:00")!, end: LocalTime("07:00")!)!
        #expect(decide(.checkInDue, NotificationPreferences(mutedKinds: [.checkInDue], digest: true), at: "2026-12-07T00:00:00Z") == .mute)
        #expect(decide(.checkInDue, NotificationPreferences(digest: true), at: "2026-12-07T00:00:00Z") == .hold(.digest))
        // 23:30 Tokyo is inside 22:00–07:00 (wrapping midnight); 07:00 is not.
        #expect(decide(.checkInDue, NotificationPreferences(quietHours: quiet), at: "2026-12-07T14:30:00Z") == .hold(.quietHours))
        #expect(decide(.checkInDue, NotificationPreferences(quietHours: quiet), at: "2026-12-06T22:00:00Z") == .deliver)
        #expect(decide(.checkInDue, .default, at: "2026-12-07T00:00:00Z", nudges: 3, cap: 3) == .hold(.weeklyCap))
        #expect(decide(.checkInDue, .default, at: "2026-12-07T00:00:00Z", nudges: 2, cap: 3) == .deliver)
        #expect(decide(.checkInDue, .default, at: "2026-12-07T00:00:00Z", nudges: 50, cap: nil) == .deliver)
        // The cap is on nudges: news of what a person did is not capped.
        #expect(decide(.accountabilityAssigned, .default, at: "2026-12-07T00:00:00Z", nudges: 3, cap: 3) == .deliver)
    }

    @Test func quietHoursAreAHalfOpenSpan() {
        let day = QuietHours(start: LocalTime("12:00")!, end: LocalTime("13:00")!)!
        #expect(day.contains(LocalTime("12:00")!) && day.contains(LocalTime("12:59")!))
        #expect(!day.contains(LocalTime("13:00")!) && !day.contains(LocalTime("11:59")!))
        #expect(QuietHours(start: LocalTime("08:00")!, end: LocalTime("08:00")!) == nil)
    }

    @Test func theWeekStartsOnMondayAtLocalMidnight() {
        // Sunday 2026-12-06 23:00 Tokyo belongs to the week of Monday 11-30; Monday 12-07 00:30 to its own.
        #expect(NotificationPolicy.weekStart(of: instant("2026-12-06T14:00:00Z"), in: tokyo) == instant("2026-11-29T15:00:00Z"))
        #expect(NotificationPolicy.weekStart(of: instant("2026-12-06T15:30:00Z"), in: tokyo) == instant("2026-12-06T15:00:00Z"))
    }

    @Test func aDigestIsDueOncePerLocalDayAtItsTimeOutsideQuietHours() {
        var prefs = NotificationPreferences(digestAt: LocalTime("09:00")!)
        #expect(!NotificationPolicy.digestDue(preferences: prefs, zone: tokyo, now: instant("2026-12-03T23:59:00Z"), lastDigestOn: nil))
        #expect(NotificationPolicy.digestDue(preferences: prefs, zone: tokyo, now: instant("2026-12-04T00:00:00Z"), lastDigestOn: nil))
        #expect(!NotificationPolicy.digestDue(
            preferences: prefs, zone: tokyo, now: instant("2026-12-04T05:00:00Z"), lastDigestOn: LocalDate(iso: "2026-12-04")))
        prefs.quietHours = QuietHours(start: LocalTime("08:00")!, end: LocalTime("10:00")!)
        #expect(!NotificationPolicy.digestDue(preferences: prefs, zone: tokyo, now: instant("2026-12-04T00:30:00Z"), lastDigestOn: nil))
        #expect(NotificationPolicy.digestDue(preferences: prefs, zone: tokyo, now: instant("2026-12-04T01:00:00Z"), lastDigestOn: nil))
    }
}
