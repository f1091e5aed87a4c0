public import Database
public import Domain
public import Foundation

extension NPSCampaign.State: TextColumn {}

/// NPS survey campaigns.
public enum NPSCampaignRepository {
    static let columns: SQLQuery = """
        id, name, question_ja, question_en, company_id, team_id, segment, recipients, state, sent_at, sent_count, created_by,
        created_at, updated_at, version
        """

    static func decode(_ row: Row) throws -> NPSCampaign {
        var r = RowReader(row)
        let id: UUID = try r.next(), name: String = try r.next(), ja: String = try r.next(), en: String = try r.next()
        return NPSCampaign(
            id: id, name: name, question: CheckUpText(ja: ja, en: en), companyID: try r.next(), teamID: try r.next(), segment: try r.next(),
            recipients: try r.next(), state: try r.next(), sentAt: try r.next(), sentCount: try r.next(), createdBy: try r.next(),
            createdAt: try r.next(), updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ c: NPSCampaign) async throws -> NPSCampaign {
        let rows = try await tx.query(
            """
            INSERT INTO nps_campaign (org_id, id, name, question_ja, question_en, company_id, team_id, segment, recipients, created_by)
            VALUES (\(tx.org), \(c.id), \(c.name), \(c.question.ja), \(c.question.en), \(c.companyID), \(c.teamID), \(c.segment),
                \(c.recipients), \(c.createdBy))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> NPSCampaign? {
        try await tx.query(
            """
            SELECT \(columns) FROM nps_campaign WHERE org_id = \(tx.org) AND id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// The org's campaigns, newest first.
    public static func list(_ tx: TenantTransaction, after cursor: UUID?, limit: Int) async throws -> Page<NPSCampaign> {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM nps_campaign WHERE org_id = \(tx.org)
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Marks the campaign sent to `count` contacts.
    public static func markSent(_ tx: TenantTransaction, id: UUID, count: Int) async throws -> NPSCampaign {
        let rows = try await tx.query(
            """
            UPDATE nps_campaign SET state = 'sent', sent_at = banso_now(), sent_count = \(count), updated_at = banso_now(),
                version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }
}
