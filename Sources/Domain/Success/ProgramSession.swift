public import Foundation

/// A session of an enrolment, planned and then held: its kind, the day, who took part, how long it took (the
/// hours charged to the budget), notes — and for pair support, the person supported and what they practised.
public struct ProgramSession: Sendable, Equatable, Codable {
    public var id: UUID
    public var enrolmentID: UUID
    public var kind: ProgramSessionKind
    public var plannedOn: LocalDate?
    public var heldOn: LocalDate?
    /// The time worked, charged to the program month of `heldOn`.
    public var durationMinutes: Int?
    /// The client's contacts present.
    public var participantIDs: [UUID]
    public var notes: String?
    /// Pair support: the contact supported.
    public var supportedContactID: UUID?
    /// Pair support: what they practised ("closing the month in the budget view").
    public var practised: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, enrolmentID: UUID, kind: ProgramSessionKind, plannedOn: LocalDate? = nil, heldOn: LocalDate? = nil,
        durationMinutes: Int? = nil, participantIDs: [UUID] = [], notes: String? = nil, supportedContactID: UUID? = nil,
        practised: String? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.enrolmentID, self.kind, self.plannedOn, self.heldOn) = (id, enrolmentID, kind, plannedOn, heldOn)
        (self.durationMinutes, self.participantIDs, self.notes) = (durationMinutes, participantIDs, notes)
        (self.supportedContactID, self.practised) = (supportedContactID, practised)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    public var isHeld: Bool { heldOn != nil }

    /// The budget entry of a held session; `nil` for one only planned.
    public var budgetEntry: HourBudget.Entry? {
        guard let heldOn, let durationMinutes else { return nil }
        return HourBudget.Entry(on: heldOn, minutes: durationMinutes)
    }

    /// Checks what a person typed. A held session logs its duration (hours are never refused for being over
    /// budget — ``BudgetUse`` flags them); a held pair-support session names the person supported, since seed
    /// 002's point is that every user gets their own time.
    public func validated() throws -> ProgramSession {
        guard plannedOn != nil || heldOn != nil else { throw DomainError(.missing, "a session is planned or held on a day", field: "planned_on") }
        if heldOn != nil {
            guard let minutes = durationMinutes else { throw DomainError(.missing, "a held session logs its duration", field: "duration_minutes") }
            guard (1...(12 * 60)).contains(minutes) else {
                throw DomainError(.invalid, "a session lasts 1 minute to 12 hours", field: "duration_minutes")
            }
            if kind == .pairSupport, supportedContactID == nil {
                throw DomainError(.missing, "say whom the pair support was for", field: "supported_contact_id")
            }
        } else if durationMinutes != nil {
            throw DomainError(.invalid, "hours are logged once the session is held", field: "duration_minutes")
        }
        if kind != .pairSupport, supportedContactID != nil || practised != nil {
            throw DomainError(.invalid, "only pair support names a person supported and what was practised", field: "supported_contact_id")
        }
        guard participantIDs.count <= 100, Set(participantIDs).count == participantIDs.count else {
            throw DomainError(.invalid, "participants are up to 100 distinct contacts", field: "participant_ids")
        }
        var copy = self
        copy.notes = try Self.text(notes, limit: 10_000, field: "notes")
        copy.practised = try Self.text(practised, limit: 1000, field: "practised")
        return copy
    }

    private static func text(_ value: String?, limit: Int, field: String) throws -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        guard trimmed.count <= limit else { throw DomainError(.invalid, "at most \(limit) characters", field: field) }
        return trimmed
    }
}
