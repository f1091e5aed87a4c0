public import Foundation

/// Seed 004's structured problem solving, 8D-style: recurring tickets grouped under one problem, which is
/// contained (the customers stop hurting), corrected (its root cause is removed) and closed once what keeps it
/// from coming back is in place.
public struct ProblemRecord: Sendable, Equatable, Codable {
    /// In order: open → contained → corrected → closed. A status may move forward past steps (a problem fixed
    /// before anyone contained it) or back (it came back), but each status needs what it stands for written down.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, contained, corrected, closed

        public var order: Int { Self.allCases.firstIndex(of: self)! }
    }

    public var id: UUID
    public var title: String
    public var description: String?
    public var containment: String?
    public var rootCause: String?
    public var correctiveAction: String?
    public var preventiveAction: String?
    public var ownerID: UUID?
    public var status: Status
    public var companyID: UUID?
    public var createdByID: UUID?
    public var closedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, title: String, description: String? = nil, containment: String? = nil, rootCause: String? = nil,
        correctiveAction: String? = nil, preventiveAction: String? = nil, ownerID: UUID? = nil, status: Status = .open,
        companyID: UUID? = nil, createdByID: UUID? = nil, closedAt: Date? = nil, createdAt: Date, updatedAt: Date,
        version: Int = 1
    ) {
        (self.id, self.title, self.description, self.containment) = (id, title, description, containment)
        (self.rootCause, self.correctiveAction, self.preventiveAction) = (rootCause, correctiveAction, preventiveAction)
        (self.ownerID, self.status, self.companyID, self.createdByID, self.closedAt) = (ownerID, status, companyID, createdByID, closedAt)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// Where the problem lives for permissions: its company, else the org.
    public var scope: Scope { companyID.map(Scope.company) ?? .org }
}

public enum ProblemRules {
    /// Checks a problem about to be stored: lengths, and that its status has what it needs — containment to be
    /// contained, root cause and corrective action to be corrected, root cause and preventive action to be closed
    /// (a problem corrected or closed at once needs no containment written after the fact).
    public static func validate(_ p: ProblemRecord) throws {
        guard (1...200).contains(p.title.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count) else {
            throw DomainError(.invalid, "a problem title has 1 to 200 characters", field: "title")
        }
        for (field, text) in [
            ("description", p.description), ("containment", p.containment), ("root_cause", p.rootCause),
            ("corrective_action", p.correctiveAction), ("preventive_action", p.preventiveAction),
        ] where (text?.unicodeScalars.count ?? 0) > 10_000 {
            throw DomainError(.invalid, "a problem's text fields are at most 10000 characters each", field: field)
        }
        func filled(_ text: String?) -> Bool { !(text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if p.status == .contained, !filled(p.containment) {
            throw DomainError(.invalid, "describe the containment before marking the problem contained", field: "containment")
        }
        if p.status.order >= ProblemRecord.Status.corrected.order {
            guard filled(p.rootCause) else {
                throw DomainError(.invalid, "a corrected or closed problem needs its root cause", field: "root_cause")
            }
            if p.status == .corrected, !filled(p.correctiveAction) {
                throw DomainError(.invalid, "describe the corrective action before marking the problem corrected", field: "corrective_action")
            }
        }
        if p.status == .closed, !filled(p.preventiveAction) {
            throw DomainError(.invalid, "closing a problem needs its preventive action", field: "preventive_action")
        }
    }
}
