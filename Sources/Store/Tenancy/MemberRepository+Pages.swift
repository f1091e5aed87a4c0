public import Database
public import Domain
public import Foundation

/// What the directory administration pages read beyond the API's lists: the directory searched by name or e-mail
/// and sorted by name (an org of 2,000 is paged 50 at a time), and how many members each company and team holds.
/// The search reads the org's members in full (a part of a name has no index to use); at a few thousand rows per
/// org that is a millisecond, and the member_org_id_email_key index keeps the scan to one org.
extension MemberRepository {
    /// A search of the directory: every field optional; `text` matches a part of the name or the e-mail, ignoring case.
    public struct Search: Sendable {
        public var text: String?
        public var companyID: UUID?
        public var teamID: UUID?
        public var role: Role?

        public init(text: String?, companyID: UUID?, teamID: UUID?, role: Role?) {
            (self.text, self.companyID, self.teamID, self.role) = (text, companyID, teamID, role)
        }
    }

    /// One page of the members `reach` (of `directory.read`) sees, as ``list(_:companyID:teamID:visibleTo:after:limit:)``
    /// judges them, in name order; `limit + 1` rows are read so the caller knows whether a next page exists.
    public static func search(_ tx: TenantTransaction, _ search: Search, visibleTo reach: Reach, offset: Int, limit: Int)
        async throws -> (members: [Member], more: Bool)
    {
        let text = search.text.map { $0.lowercased() }
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM member m
            WHERE m.org_id = \(tx.org)
              AND (\(text)::text IS NULL OR strpos(lower(m.display_name), \(text)::text) > 0
                   OR strpos(lower(m.email::text), \(text)::text) > 0)
              AND (\(search.teamID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM team_membership tm WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND tm.team_id = \(search.teamID)))
              AND (\(search.companyID)::uuid IS NULL OR EXISTS (
                    SELECT 1 FROM team_membership tm JOIN team t ON t.org_id = tm.org_id AND t.id = tm.team_id
                    WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND t.company_id = \(search.companyID)))
              AND (\(search.role?.rawValue)::text IS NULL OR EXISTS (
                    SELECT 1 FROM role_grant g WHERE g.org_id = m.org_id AND g.member_id = m.id AND g.role::text = \(search.role?.rawValue)::text))
              AND (\(reach.everywhere) OR m.id = \(reach.memberID) OR EXISTS (
                    SELECT 1 FROM team_membership tm
                    WHERE tm.org_id = m.org_id AND tm.member_id = m.id AND tm.team_id = ANY(\(reach.teams))))
            ORDER BY lower(m.display_name), m.id
            LIMIT \(limit + 1) OFFSET \(offset)
            """)
        let members = try rows.map(decode)
        return (Array(members.prefix(limit)), members.count > limit)
    }

    /// How many members each team holds, and each company through its teams (a member in two of its teams once).
    public static func counts(_ tx: TenantTransaction) async throws -> (teams: [UUID: Int], companies: [UUID: Int]) {
        var teams: [UUID: Int] = [:], companies: [UUID: Int] = [:]
        for row in try await tx.query(
            "SELECT team_id, count(*) FROM team_membership WHERE org_id = \(tx.org) GROUP BY team_id")
        {
            let (team, count) = try row.decode((UUID, Int).self)
            teams[team] = count
        }
        for row in try await tx.query(
            """
            SELECT t.company_id, count(DISTINCT tm.member_id) FROM team_membership tm
            JOIN team t ON t.org_id = tm.org_id AND t.id = tm.team_id
            WHERE tm.org_id = \(tx.org) GROUP BY t.company_id
            """)
        {
            let (company, count) = try row.decode((UUID, Int).self)
            companies[company] = count
        }
        return (teams, companies)
    }
}
