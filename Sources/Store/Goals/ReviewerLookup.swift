public import Database
public import Domain
public import Foundation

/// Who reviews a goal's check-ins (DESIGN §2): the holder of the position above the owner's primary position;
/// if vacant, the next holder up; failing that, a manager of the goal's team, then of its company.
public enum ReviewerLookup {
    public static func reviewer(_ tx: TenantTransaction, goal: Goal, on day: LocalDate) async throws -> UUID? {
        if let position = try await PositionRepository.primaryPosition(tx, member: goal.ownerID, on: day) {
            let line = try await PositionRepository.chain(tx, from: position, on: day)
            if let holder = PositionRules.reviewer(owner: goal.ownerID, line: line.map { ($0.position.id, $0.holders) }) {
                return holder
            }
        }
        return try await PositionRepository.manager(
            tx, teamID: goal.teamID, companyID: goal.companyID, excluding: goal.ownerID)
    }
}
