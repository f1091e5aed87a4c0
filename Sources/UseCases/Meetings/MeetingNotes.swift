public import Domain
public import Foundation
public import Store

/// A participant's private notes on an occurrence: readable by that member alone — not their manager, not an
/// admin, not a transfer, not an export. The database enforces it (a restrictive row policy admits only the
/// transaction opened for the note's member); the audit log records only that a note changed, never its text.
public struct MeetingNotes: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public static let maxLength = 50_000

    /// The caller's own note on the occurrence, if they wrote one.
    public func mine(_ meeting: UUID) async throws -> MeetingNoteRepository.Note? {
        _ = try await Meetings(tx, caller).load(meeting)
        return try await MeetingNoteRepository.get(tx, meeting: meeting, member: identity.memberID)
    }

    /// Saves the caller's note; a stale version (another tab saved first) is refused.
    public func save(_ meeting: UUID, body: String, expectedVersion: Int?) async throws -> MeetingNoteRepository.Note {
        _ = try await Meetings(tx, caller).load(meeting)
        guard body.count <= Self.maxLength else { throw DomainError(.invalid, "a note is at most 50,000 characters", field: "body") }
        guard !body.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw DomainError(.invalid, "the text contains a NUL character", field: "body")
        }
        guard let saved = try await MeetingNoteRepository.save(
            tx, meeting: meeting, member: identity.memberID, body: body, expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await MeetingRepository.markTouched(tx, id: meeting)
        // That it changed, never what it says.
        try await Audit.record(tx, caller, action: "meeting.note", resource: "meeting", id: meeting)
        return saved
    }
}
