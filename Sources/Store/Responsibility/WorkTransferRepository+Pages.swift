public import Database
public import Domain
public import Foundation

extension WorkTransferRepository {
    /// The newest transfers first, all of them or those `member` gave, took or made: the transfers page's list.
    public static func newest(_ tx: TenantTransaction, involving member: UUID?, limit: Int) async throws -> [Record] {
        try await tx.query(
            """
            SELECT \(columns) FROM work_transfer
            WHERE org_id = \(tx.org)
              AND (\(member)::uuid IS NULL OR from_member = \(member) OR to_member = \(member) OR by_member = \(member))
            ORDER BY id DESC LIMIT \(limit)
            """
        ).map(decode)
    }

    /// The goal title and period of each check-in in `ids`, for saying which reviews move.
    public static func checkInTitles(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: (title: String, period: String)] {
        guard !ids.isEmpty else { return [:] }
        var titles: [UUID: (title: String, period: String)] = [:]
        for row in try await tx.query(
            """
            SELECT c.id, g.title, c.period FROM check_in c JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            WHERE c.org_id = \(tx.org) AND c.id = ANY(\(ids))
            """)
        {
            let (id, title, period) = try row.decode((UUID, String, String).self)
            titles[id] = (title, period)
        }
        return titles
    }
}
