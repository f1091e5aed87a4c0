public import Database
public import Domain
public import Foundation

extension NPSResponse.Channel: TextColumn {}

/// NPS responses and their tallies. Reports count promoters, passives and detractors in SQL (one grouped
/// statement, served by `nps_response_day_idx`) and leave the score to ``NPS``.
public enum NPSRepository {
    static let columns: SQLQuery = """
        id, customer_id, contact_id, external_id, score, comment, respondent, responded_on, channel, created_at
        """

    static func decode(_ row: Row) throws -> NPSResponse {
        var r = RowReader(row)
        return NPSResponse(
            id: try r.next(), customerID: try r.next(), contactID: try r.next(), externalID: try r.next(), score: try r.next(),
            comment: try r.next(), respondent: try r.next(), respondedOn: try r.next(), channel: try r.next(),
            createdAt: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ n: NPSResponse) async throws -> NPSResponse {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO nps_response (org_id, id, customer_id, contact_id, external_id, score, comment, respondent,
                    responded_on, channel)
                VALUES (\(tx.org), \(n.id), \(n.customerID), \(n.contactID), \(n.externalID), \(n.score), \(n.comment),
                    \(n.respondent), \(n.respondedOn), \(n.channel))
                RETURNING \(columns)
                """)
            return try decode(rows[0])
        } catch {
            throw DomainError.from(error, conflicts: [
                "nps_response_org_id_external_id_key": ("external_id", "another NPS response has this external id"),
            ])
        }
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> NPSResponse? {
        try await tx.query("SELECT \(columns) FROM nps_response WHERE org_id = \(tx.org) AND id = \(id) FOR UPDATE").first.map(decode)
    }

    public static func delete(_ tx: TenantTransaction, id: UUID) async throws {
        _ = try await tx.execute("DELETE FROM nps_response WHERE org_id = \(tx.org) AND id = \(id)")
    }

    /// A customer's responses, newest first (v7 ids).
    public static func list(_ tx: TenantTransaction, customer: UUID, after cursor: UUID?, limit: Int) async throws -> Page<NPSResponse> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM nps_response WHERE org_id = \(tx.org) AND customer_id = \(customer)
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Whether `contact` is one of `customer`'s contacts.
    public static func contactBelongs(_ tx: TenantTransaction, contact: UUID, customer: UUID) async throws -> Bool {
        try await !tx.query(
            "SELECT 1 FROM contact WHERE org_id = \(tx.org) AND id = \(contact) AND customer_id = \(customer)"
        ).isEmpty
    }

    /// What an NPS report groups by.
    public enum Grouping: String, Sendable, CaseIterable {
        case org, company, team, csm, month

        var key: SQLQuery {
            switch self {
            case .org: "NULL::text"
            case .company: "c.company_id::text"
            case .team: "c.team_id::text"
            case .csm: "c.owner_id::text"
            case .month: "to_char(r.responded_on, 'YYYY-MM')"
            }
        }
    }

    /// Tallies per group of the responses from `from` through `through` of customers in `scope` (customers now:
    /// their current company, team and owner).
    public static func tally(
        _ tx: TenantTransaction, from: LocalDate, through: LocalDate, grouping: Grouping, scope: RevenueRepository.Scope
    ) async throws -> [(key: String?, nps: NPS)] {
        try await tx.query(
            """
            SELECT \(grouping.key) AS key,
                count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score BETWEEN 7 AND 8),
                count(*) FILTER (WHERE r.score <= 6)
            FROM nps_response r JOIN customer c ON c.org_id = r.org_id AND c.id = r.customer_id
            WHERE r.org_id = \(tx.org) AND r.responded_on BETWEEN \(from) AND \(through) AND \(scope.condition(tx))
            GROUP BY 1 ORDER BY 1
            """
        ).map { row in
            let (key, p, n, d) = try row.decode((String?, Int, Int, Int).self)
            return (key, NPS.tally(promoters: p, passives: n, detractors: d))
        }
    }
}
