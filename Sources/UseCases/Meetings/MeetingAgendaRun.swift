public import Domain
public import Foundation
public import Store

/// The daily meeting run of one org: keeps every series planned 12 months ahead with current participants, and
/// writes each occurrence's agenda when its lead time in business days arrives, telling each participant — with
/// only the items that participant may see.
public enum MeetingAgendaRun {
    public struct Outcome: Sendable, Equatable {
        public var written: Int
        public var notified: Int
        public init(written: Int, notified: Int) { (self.written, self.notified) = (written, notified) }
    }

    /// How far ahead occurrences are looked at: more than the longest lead (10 business days) across 年末年始.
    static let lookAhead: TimeInterval = 24 * 86_400

    public static func run(_ tx: TenantTransaction, now: Date) async throws -> Outcome {
        let facts = try await OrgFacts.load(tx, reader: nil)
        let zone = TimeZone(identifier: facts.timeZone) ?? TimeZone(identifier: "Asia/Tokyo")!
        let today = Recurrence.localDate(of: now, in: zone)
        let bodies = try await MeetingBodyRepository.list(tx)
        for body in bodies where body.cadence != nil { try await MeetingBodies.replan(tx, body, now: now, org: facts) }
        let byID = Dictionary(uniqueKeysWithValues: bodies.map { ($0.id, $0) })
        var outcome = Outcome(written: 0, notified: 0)
        var readers = Readers(authorizer: Authorizer(structure: try await TeamRepository.structure(tx)))
        for meeting in try await MeetingRepository.awaitingAgenda(tx, from: now, through: now.addingTimeInterval(lookAhead)) {
            guard let body = byID[meeting.bodyID] else { continue }
            let day = Recurrence.localDate(of: meeting.startsAt, in: zone)
            let writeOn = facts.calendar.hasBusinessDays ? facts.calendar.businessDays(from: day, adding: -body.agendaLeadDays) : day
            guard today >= writeOn else { continue }
            try await Meetings.write(tx, meeting: meeting, body: body, now: now, author: nil, org: facts)
            outcome.written += 1
            outcome.notified += try await notify(tx, meeting: meeting, body: body, zone: zone, now: now, readers: &readers)
        }
        return outcome
    }

    /// Who each participant is to the authorizer and which language they read, looked up once per run: one member
    /// sits in several meetings of a day.
    struct Readers {
        let authorizer: Authorizer
        private var known: [UUID: (actor: Actor, locale: Organization.Locale)] = [:]

        init(authorizer: Authorizer) { self.authorizer = authorizer }

        mutating func reader(_ tx: TenantTransaction, _ member: UUID) async throws -> (actor: Actor, locale: Organization.Locale) {
            if let reader = known[member] { return reader }
            let reader = (
                actor: Actor(memberID: member, grants: try await GrantRepository.forMember(tx, member: member).map(\.grant), tokenScopes: nil),
                locale: try await GoalSettingsRepository.calendarFacts(tx, reader: member).locale)
            known[member] = reader
            return reader
        }
    }

    /// Tells each active participant the agenda is ready, listing what they may see. Answers how many were told.
    static func notify(
        _ tx: TenantTransaction, meeting: Meeting, body: MeetingBody, zone: TimeZone, now: Date, readers: inout Readers
    ) async throws -> Int {
        let stored = try await AgendaItemRepository.list(tx, meeting: meeting.id)
        var told = 0
        for participant in try await MeetingParticipantRepository.list(tx, meeting: meeting.id) where participant.active {
            let (actor, locale) = try await readers.reader(tx, participant.memberID)
            let authorizer = readers.authorizer
            let agenda = Meetings.arrange(stored, body: body, meeting: meeting) { $0.visibility.allows(actor, authorizer) }
            let sections = agenda.sections.map { section in
                (heading: AgendaWording.heading(title: section.title, generator: section.generator, key: section.key, locale),
                 titles: section.items.map(\.item.title))
            }
            _ = try await NotificationRepository.deliver(
                tx, to: participant.memberID,
                .meetingAgenda(body: body.name, when: AgendaWording.when(meeting.startsAt, zone: zone, locale), sections: sections, locale: locale),
                subjectType: "meeting", subjectID: meeting.id, now: now)
            told += 1
        }
        return told
    }
}
