public import Foundation

/// A 会議体: a standing meeting with one purpose, a scope, a facilitator, participants, a cadence and an agenda
/// template (DESIGN §2, seed 001).
public struct MeetingBody: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var purpose: MeetingPurpose
    /// The purpose in words: what the meeting must leave behind ("this month's renewal decisions for SMB").
    public var objective: String
    public var companyID: UUID?
    public var teamID: UUID?
    public var facilitatorID: UUID?
    public var participants: [MeetingParticipant]
    /// `nil`: meetings are scheduled one by one.
    public var cadence: Recurrence?
    public var durationMinutes: Int
    /// How many business days before an occurrence its agenda is written (and sent).
    public var agendaLeadDays: Int
    public var template: AgendaTemplate
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, name: String, purpose: MeetingPurpose, objective: String, companyID: UUID?, teamID: UUID?, facilitatorID: UUID?,
        participants: [MeetingParticipant], cadence: Recurrence?, durationMinutes: Int, agendaLeadDays: Int, template: AgendaTemplate,
        archivedAt: Date? = nil, createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.name, self.purpose, self.objective, self.companyID, self.teamID) = (id, name, purpose, objective, companyID, teamID)
        (self.facilitatorID, self.participants, self.cadence, self.durationMinutes) = (facilitatorID, participants, cadence, durationMinutes)
        (self.agendaLeadDays, self.template, self.archivedAt, self.createdAt, self.updatedAt, self.version) =
            (agendaLeadDays, template, archivedAt, createdAt, updatedAt, version)
    }

    /// Where the body lives: its team, else its company, else the org. Its agenda draws on this scope's data.
    public var scope: Scope { teamID.map(Scope.team) ?? companyID.map(Scope.company) ?? .org }

    /// Checks the fields a person typed, naming the first one that is wrong.
    public func validated() throws -> MeetingBody {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(trimmed.count) else { throw DomainError(.invalid, "a meeting body's name is 1 to 120 characters", field: "name") }
        guard (1...1000).contains(objective.trimmingCharacters(in: .whitespacesAndNewlines).count) else {
            throw DomainError(.invalid, "say what the meeting is for in 1 to 1000 characters", field: "objective")
        }
        guard (5...480).contains(durationMinutes) else { throw DomainError(.invalid, "a meeting lasts 5 to 480 minutes", field: "duration_minutes") }
        guard (0...10).contains(agendaLeadDays) else {
            throw DomainError(.invalid, "the agenda is written 0 to 10 business days ahead", field: "agenda_lead_days")
        }
        guard participants.count <= 200 else { throw DomainError(.invalid, "a meeting body has at most 200 participant entries", field: "participants") }
        guard Set(participants).count == participants.count else {
            throw DomainError(.invalid, "a participant is listed once", field: "participants")
        }
        if let cadence {
            _ = try cadence.validated()
            if case .everyMinutes = cadence {
                throw DomainError(.invalid, "a meeting's cadence is a day rule, not every few minutes", field: "cadence")
            }
        }
        _ = try template.validated()
        var copy = self
        copy.name = trimmed
        return copy
    }
}

/// Who takes part: a member by name, or "everyone holding position X" (resolved on each occurrence's day, so a new
/// holder joins the next meetings without anyone editing the body).
public enum MeetingParticipant: Sendable, Hashable, Codable {
    case member(UUID)
    case position(UUID)

    private enum Key: String, CodingKey { case member = "member_id", position = "position_id" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let member = try c.decodeIfPresent(UUID.self, forKey: .member) {
            self = .member(member)
        } else {
            self = .position(try c.decode(UUID.self, forKey: .position))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .member(let id): try c.encode(id, forKey: .member)
        case .position(let id): try c.encode(id, forKey: .position)
        }
    }
}
