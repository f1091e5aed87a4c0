public import Foundation

/// A position and its charter (責任分掌): what the holder is responsible for, what they may decide, and whom they
/// report to. The reporting line decides who reviews whose check-ins and who is escalated to.
public struct Position: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var scope: Scope
    public var reportsToID: UUID?
    public var responsibilities: [String]
    public var authority: [String]
    /// The KPIs (goals) the position owns.
    public var goalIDs: [UUID]
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, name: String, scope: Scope, reportsToID: UUID?, responsibilities: [String], authority: [String],
        goalIDs: [UUID], createdAt: Date, updatedAt: Date, version: Int
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.reportsToID = reportsToID
        self.responsibilities = responsibilities
        self.authority = authority
        self.goalIDs = goalIDs
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// A member holding a position for a stretch of time; an ended holding stays as history.
public struct PositionHolding: Sendable, Equatable, Codable {
    public var id: UUID
    public var positionID: UUID
    public var memberID: UUID
    /// The position that places the member in the reporting line when they hold several.
    public var primary: Bool
    public var startDate: LocalDate
    public var endDate: LocalDate?

    public init(id: UUID, positionID: UUID, memberID: UUID, primary: Bool, startDate: LocalDate, endDate: LocalDate?) {
        self.id = id
        self.positionID = positionID
        self.memberID = memberID
        self.primary = primary
        self.startDate = startDate
        self.endDate = endDate
    }

    public func isCurrent(on day: LocalDate) -> Bool { startDate <= day && (endDate.map { day <= $0 } ?? true) }
}

public enum PositionRules {
    /// Lines of a charter: each 1–500 characters, at most 50 of them.
    public static func charterLines(_ lines: [String], field: String) throws -> [String] {
        let trimmed = lines.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard trimmed.count <= 50 else { throw DomainError(.invalid, "at most 50 entries", field: field) }
        guard trimmed.allSatisfy({ (1...500).contains($0.count) }) else {
            throw DomainError(.invalid, "each entry is 1 to 500 characters", field: field)
        }
        return trimmed
    }

    /// `reports_to` may not loop back: `chain` is the proposed manager's own line upwards (itself first).
    public static func checkNoCycle(position: UUID, proposedChain chain: [UUID]) throws {
        if chain.contains(position) {
            throw DomainError(.invalid, "the reporting line would loop back to this position", field: "reports_to")
        }
    }

    /// Who reviews a member's check-ins: walking up from the owner's primary position, the first position with a
    /// current holder (other than the owner). `line` is the owner's position's chain upwards, itself first, with
    /// each position's current holders.
    public static func reviewer(owner: UUID, line: [(position: UUID, holders: [UUID])]) -> UUID? {
        for step in line.dropFirst() {
            if let holder = step.holders.first(where: { $0 != owner }) { return holder }
        }
        return nil
    }
}
