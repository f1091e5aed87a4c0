public import Domain
public import Foundation
public import Store

/// A held program session is a touch with the customer, so it stands on the customer's timeline — pair support as
/// pair support, goal setting and other sessions as a meeting — written as the program's CSM's, on the day it was
/// held (09:00 in the org's time zone, or now if that is later), with what was practised and the notes. It follows
/// the session: edited, it changes; no longer held or deleted, it goes, and the customer's last touch is worked out
/// again. A presentation session is left to the enrolment's presentation, which has its own entry (two entries
/// for one presentation would count it twice).
public enum ProgramSessionTimeline {
    static let subjectType = "program_session"

    static func kind(_ kind: ProgramSessionKind) -> TimelineEntry.Kind? {
        switch kind {
        case .pairSupport: .pairSupport
        case .goalSetting, .other: .meeting
        case .presentation: nil
        }
    }

    /// Brings the timeline in step with `session` (nil: deleted; `id` names it either way).
    public static func sync(
        _ tx: TenantTransaction, session: ProgramSession?, id: UUID, enrolment: Enrolment, now: Date
    ) async throws {
        let existing = try await TimelineRepository.entry(tx, subjectType: subjectType, subjectID: id)
        guard let session, let held = session.heldOn, let kind = kind(session.kind) else {
            if let existing {
                try await TimelineRepository.delete(tx, id: existing.id)
                try await TimelineRepository.refreshLastTouch(tx, customer: existing.customerID, was: existing.occurredAt, now: now)
            }
            return
        }
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        var at = now
        if let zone = TimeZone(identifier: facts.timeZone), let nine = LocalTime(hour: 9, minute: 0) {
            at = min(Recurrence.instant(held, nine, in: zone), now)
        }
        let title = ProgramTimelineText.session(session.kind, minutes: session.durationMinutes, facts.orgLocale)
        let body = [session.practised, session.notes].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: "\n\n")
        if var entry = existing {
            (entry.kind, entry.occurredAt, entry.title, entry.body) = (kind, at, title, body.isEmpty ? nil : body)
            _ = try await TimelineRepository.update(tx, entry, expectedVersion: nil)
            try await TimelineRepository.refreshLastTouch(tx, customer: entry.customerID, was: existing!.occurredAt, now: now)
        } else {
            _ = try await TimelineRepository.insert(
                tx,
                TimelineEntry(
                    id: .v7(), customerID: enrolment.customerID, kind: kind, authorID: enrolment.csmID, occurredAt: at, title: title,
                    body: body.isEmpty ? nil : body, subjectType: subjectType, subjectID: id, createdAt: now, updatedAt: now),
                now: now)
        }
    }
}
