public import Domain
public import Foundation
public import Store

extension Positions {
    /// The org chart: every position the caller sees, with who holds each today.
    public struct Chart: Sendable {
        public let positions: [Position]
        public let holders: [UUID: [UUID]]
        public let today: LocalDate
    }

    public func chart() async throws -> Chart {
        var positions: [Position] = []
        var cursor: UUID?
        repeat {
            let page = try await list(after: cursor, limit: 500)
            positions += page.items
            cursor = page.nextCursor
        } while cursor != nil && positions.count < 5_000
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        var holders: [UUID: [UUID]] = [:]
        for holding in try await PositionRepository.currentHoldings(tx, on: today) {
            holders[holding.positionID, default: []].append(holding.memberID)
        }
        return Chart(positions: positions, holders: holders, today: today)
    }

    /// Whether the caller may edit and staff `position`: the page shows those forms only then.
    public func mayManage(_ position: Position) -> Bool {
        identity.authorizer.can(identity.actor, .managePositions, in: position.scope).allowed
    }
}
