public import Database
public import Domain
public import Foundation

/// The positions a process's RACI names, as the org's structure has them: which exist, and who holds them.
public enum ProcessPositionRepository {
    /// Which of `ids` are positions of this org (a RACI naming any other is refused at its field).
    public static func known(_ tx: TenantTransaction, _ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        return Set(try await tx.query("SELECT id FROM position WHERE org_id = \(tx.org) AND id = ANY(\(ids))").decodeColumn(UUID.self))
    }

    /// The active members holding any of `positions` on `day`, each once: the people a step's RACI names today.
    public static func holders(_ tx: TenantTransaction, of positions: [UUID], on day: LocalDate) async throws -> [UUID] {
        guard !positions.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT DISTINCT h.member_id FROM position_holder h
            JOIN member m ON m.org_id = h.org_id AND m.id = h.member_id AND m.active
            WHERE h.org_id = \(tx.org) AND h.position_id = ANY(\(positions))
              AND h.start_date <= \(day) AND (h.end_date IS NULL OR h.end_date >= \(day))
            ORDER BY h.member_id
            """
        ).decodeColumn(UUID.self)
    }

    /// Whether `member` holds any of `positions` on `day` (a step's responsible positions may complete it).
    public static func holdsAny(_ tx: TenantTransaction, member: UUID, of positions: [UUID], on day: LocalDate) async throws -> Bool {
        guard !positions.isEmpty else { return false }
        let rows = try await tx.query(
            """
            SELECT EXISTS (
                SELECT 1 FROM position_holder h
                WHERE h.org_id = \(tx.org) AND h.member_id = \(member) AND h.position_id = ANY(\(positions))
                  AND h.start_date <= \(day) AND (h.end_date IS NULL OR h.end_date >= \(day)))
            """)
        return try rows[0].decode(Bool.self, at: 0)
    }
}
