public import Domain
public import Foundation
public import Store

/// Who hears about a CSM's program (an over-budget month): their reviewer along the reporting line — the holder of
/// the position above theirs — failing that, a manager of the customer's team, then of its company.
enum ProgramManagerLookup {
    static func manager(_ tx: TenantTransaction, of csm: UUID, customer: Customer, on day: LocalDate) async throws -> UUID? {
        if let position = try await PositionRepository.primaryPosition(tx, member: csm, on: day) {
            let line = try await PositionRepository.chain(tx, from: position, on: day)
            if let holder = PositionRules.reviewer(owner: csm, line: line.map { ($0.position.id, $0.holders) }) { return holder }
        }
        return try await PositionRepository.manager(tx, teamID: customer.teamID, companyID: customer.companyID, excluding: csm)
    }
}
