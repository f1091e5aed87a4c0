public import Domain
public import Foundation
public import Store

/// What a success program puts on the customer's timeline as touches: each held session — pair support as pair
/// support, goal setting and other sessions as a meeting — and the held presentation, as the program's CSM's, on the
/// day held (09:00 in the org's time zone, or now if that is later). Each entry follows what it stands for: edited,
/// it changes; no longer held or deleted, it goes, and the customer's last touch is worked out again. A presentation
/// session is left to the presentation's own entry (two entries for one presentation would count it twice).
public enum ProgramTimeline {
    static let sessionSubject = "program_session"
    static let enrolmentSubject = "enrolment"

    static func kind(_ kind: ProgramSessionKind) -> TimelineEntry.Kind? {
        switch kind {
        case .pairSupport: .pairSupport
        case .goalSetting, .other: .meeting
        case .presentation: nil
        }
    }

    /// Brings the timeline in step with `session` (nil: deleted; `id` names it either way).
    public static func sync(_ tx: TenantTransaction, session: ProgramSession?, id: UUID, enrolment: Enrolment, now: Date) async throws {
        let locale = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).orgLocale
        let kind = session.flatMap { Self.kind($0.kind) } ?? .meeting
        let held = session.flatMap { Self.kind($0.kind) == nil ? nil : $0.heldOn }
        try await place(
            tx, subject: (sessionSubject, id), kind: kind, customer: enrolment.customerID, author: enrolment.csmID, held: held,
            title: session.map { ProgramTimelineText.session($0.kind, minutes: $0.durationMinutes, locale) } ?? "",
            body: [session?.practised, session?.notes].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n\n"),
            now: now)
    }

    /// Brings the timeline in step with the enrolment's presentation.
    public static func syncPresentation(_ tx: TenantTransaction, _ enrolment: Enrolment, now: Date) async throws {
        let locale = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).orgLocale
        let held = enrolment.presentation?.heldOn
        try await place(
            tx, subject: (enrolmentSubject, enrolment.id), kind: .presentation, customer: enrolment.customerID, author: enrolment.csmID,
            held: held, title: held.map { ProgramTimelineText.presentationHeld(on: $0, locale) } ?? "",
            body: enrolment.presentation?.outcome ?? "", now: now)
    }

    /// The entry of `kind` standing for `subject`, placed on `held` (removed when `held` is nil).
    static func place(
        _ tx: TenantTransaction, subject: (type: String, id: UUID), kind: TimelineEntry.Kind, customer: UUID, author: UUID,
        held: LocalDate?, title: String, body: String, now: Date
    ) async throws {
        // A session has one entry whatever its kind became; an enrolment has its result's note beside the presentation.
        let existing = try await TimelineRepository.entry(
            tx, subjectType: subject.type, subjectID: subject.id, kind: subject.type == sessionSubject ? nil : kind.rawValue)
        guard let held else {
            if let existing {
                try await TimelineRepository.delete(tx, id: existing.id)
                try await TimelineRepository.refreshLastTouch(tx, customer: existing.customerID, was: existing.occurredAt, now: now)
            }
            return
        }
        let zone = TimeZone(identifier: try await GoalSettingsRepository.calendarFacts(tx, reader: nil).timeZone)
        var at = now
        if let zone, let nine = LocalTime(hour: 9, minute: 0) { at = min(Recurrence.instant(held, nine, in: zone), now) }
        if let existing {
            var entry = existing
            (entry.kind, entry.occurredAt, entry.title, entry.body) = (kind, at, title, body.isEmpty ? nil : body)
            _ = try await TimelineRepository.update(tx, entry, expectedVersion: nil)
            try await TimelineRepository.refreshLastTouch(tx, customer: existing.customerID, was: existing.occurredAt, now: now)
        } else {
            _ = try await TimelineRepository.insert(
                tx,
                TimelineEntry(
                    id: .v7(), customerID: customer, kind: kind, authorID: author, occurredAt: at, title: title,
                    body: body.isEmpty ? nil : body, subjectType: subject.type, subjectID: subject.id, createdAt: now, updatedAt: now),
                now: now)
        }
    }
}
