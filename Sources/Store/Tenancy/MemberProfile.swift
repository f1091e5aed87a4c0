public import Database
public import Domain
public import Foundation

/// A member as they see themselves: their record, their organisation and their grants, read in one statement
/// (`GET /v1/me` is the most frequent authenticated read).
public struct MemberProfile: Sendable {
    public var member: Member
    public var org: Organization
    public var grants: [GrantRecord]

    public static func load(_ tx: TenantTransaction, member id: UUID) async throws -> MemberProfile? {
        let rows = try await tx.query(
            """
            SELECT \(MemberRepository.columns), o.id, o.slug, o.name, o.time_zone, o.fiscal_year_start_month, o.locale,
                o.created_at, o.updated_at, o.version,
                coalesce(g.ids, '{}'), coalesce(g.roles, '{}'), coalesce(g.scope_types, '{}'), coalesce(g.scope_ids, '{}'),
                coalesce(g.granted_by, '{}'), coalesce(g.created_at, '{}')
            FROM member m JOIN org o ON o.id = m.org_id
            LEFT JOIN LATERAL (
                SELECT array_agg(id ORDER BY id) AS ids, array_agg(role ORDER BY id) AS roles,
                    array_agg(scope_type ORDER BY id) AS scope_types, array_agg(scope_id ORDER BY id) AS scope_ids,
                    array_agg(granted_by ORDER BY id) AS granted_by, array_agg(created_at ORDER BY id) AS created_at
                FROM role_grant WHERE org_id = m.org_id AND member_id = m.id
            ) g ON true
            WHERE m.org_id = \(tx.org) AND m.id = \(id)
            """)
        guard let row = rows.first else { return nil }
        let member = try MemberRepository.decode(row)
        var r = RowReader(row, from: 10)
        let org = Organization(
            id: try r.next(), slug: try r.next(), name: try r.next(), timeZone: try r.next(), fiscalYearStartMonth: try r.next(),
            locale: Organization.Locale(rawValue: try r.next(String.self)) ?? .ja, createdAt: try r.next(), updatedAt: try r.next(),
            version: try r.next())
        let ids: [UUID] = try r.next(), roles: [String] = try r.next(), kinds: [String] = try r.next()
        let scopeIDs: [UUID?] = try r.next(), grantedBy: [UUID?] = try r.next(), created: [Date] = try r.next()
        var grants: [GrantRecord] = []
        for index in ids.indices {
            guard let role = Role(rawValue: roles[index]) else { continue }
            grants.append(
                GrantRecord(
                    id: ids[index], memberID: id, grant: Grant(role: role, scope: try Scope(kind: kinds[index], id: scopeIDs[index])),
                    grantedBy: grantedBy[index], createdAt: created[index]))
        }
        return MemberProfile(member: member, org: org, grants: grants)
    }
}
