public import Database
public import Domain
public import Foundation

extension PositionRepository {
    /// Every holding current on `day` by an active member, of every position: the org chart's names in one read
    /// rather than one per position.
    public static func currentHoldings(_ tx: TenantTransaction, on day: LocalDate) async throws -> [PositionHolding] {
        try await tx.query(
            """
            SELECT h.id, h.position_id, h.member_id, h.is_primary, h.start_date, h.end_date
            FROM position_holder h JOIN member m ON m.org_id = h.org_id AND m.id = h.member_id
            WHERE h.org_id = \(tx.org) AND m.active AND h.start_date <= \(day) AND (h.end_date IS NULL OR h.end_date >= \(day))
            ORDER BY h.is_primary DESC, h.start_date, h.id
            """
        ).map(decodeHolding)
    }
}
