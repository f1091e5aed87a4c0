import Domain
import Foundation
import Testing

/// The reminder to a contact who has not answered: after N days, at most once.
@Suite struct CheckUpReminderTests {
    let settings = CheckUpSettings(reminderAfterDays: 7, linkValidDays: 21)

    var send: CheckUpSend {
        CheckUpSend(id: UUID(), templateID: UUID(), customerID: UUID(), contactID: UUID(), csmID: UUID(), companyID: UUID(),
                    sentAt: successInstant(), month: YearMonth(year: 2027, month: 1), expiresAt: successInstant(21 * 86_400))
    }

    @Test func remindsOnceAfterNDaysWhileTheLinkIsOpen() {
        let send = send
        #expect(!send.reminderIsDue(at: successInstant(7 * 86_400 - 1), settings: settings, reachable: true), "not before N full days")
        #expect(send.reminderIsDue(at: successInstant(7 * 86_400), settings: settings, reachable: true))
        #expect(!send.reminderIsDue(at: successInstant(7 * 86_400), settings: settings, reachable: false), "opted out or bounced")
        var reminded = send
        reminded.remindedAt = successInstant(7 * 86_400)
        #expect(!reminded.reminderIsDue(at: successInstant(8 * 86_400), settings: settings, reachable: true), "at most once")
        var answered = send
        answered.answeredAt = successInstant(3600)
        #expect(!answered.reminderIsDue(at: successInstant(8 * 86_400), settings: settings, reachable: true))
        #expect(!answered.isOpen(at: successInstant(7200)), "single use")
        #expect(!send.reminderIsDue(at: successInstant(21 * 86_400), settings: settings, reachable: true), "expired")
        #expect(send.isOpen(at: successInstant(21 * 86_400 - 1)) && !send.isOpen(at: successInstant(21 * 86_400)))
    }

    @Test func settingsKeepTheReminderInsideTheLinksLife() throws {
        #expect(try CheckUpSettings().validated().responseRateThresholdPercent == 30)
        #expect(throws: DomainError.self) { try CheckUpSettings(reminderAfterDays: 21, linkValidDays: 21).validated() }
        #expect(throws: DomainError.self) { try CheckUpSettings(responseRateThresholdPercent: 0).validated() }
    }
}
