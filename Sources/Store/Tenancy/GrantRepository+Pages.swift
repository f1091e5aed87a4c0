public import Database
public import Domain
public import Foundation

/// What the directory pages read of grants beyond the API's lists.
extension GrantRepository {
    /// The grants of several members at once, for a page of the directory.
    public static func forMembers(_ tx: TenantTransaction, _ members: [UUID]) async throws -> [UUID: [GrantRecord]] {
        guard !members.isEmpty else { return [:] }
        return try await tx.query(
            "SELECT \(columns) FROM role_grant WHERE org_id = \(tx.org) AND member_id = ANY(\(members)) ORDER BY id"
        ).map(decode).reduce(into: [:]) { $0[$1.memberID, default: []].append($1) }
    }
}
