public import Database
public import Domain
public import Foundation

/// Check-ups and NPS surveys sent to contacts (`survey_send`). Links are found by their token's SHA-256 (the mailed
/// one or the reminder's) in system work before the org is known; everything else runs in the org's transaction.
public enum CheckUpSendRepository {
    static let columns: SQLQuery = """
        s.id, s.kind, s.plan_team_id, s.campaign_id, s.template_id, s.customer_id, s.contact_id, s.csm_id, s.company_id, s.month,
        s.sent_by, s.sent_at, s.expires_at, s.reminded_at, s.answered_at, s.answers, s.score, s.nps_response_id
        """

    static func decode(_ row: Row) throws -> CheckUpSendRecord {
        var r = RowReader(row)
        let id: UUID = try r.next(), kind: CheckUpSendRecord.Kind = try r.next(), plan: UUID? = try r.next(), campaign: UUID? = try r.next()
        let template: UUID? = try r.next(), customer: UUID = try r.next(), contact: UUID = try r.next(), csm: UUID? = try r.next()
        let company: UUID = try r.next(), month: LocalDate = try r.next(), sentBy: UUID? = try r.next(), sentAt: Date = try r.next()
        let expires: Date = try r.next(), reminded: Date? = try r.next(), answered: Date? = try r.next()
        let answers: JSON<[CheckUpAnswer]>? = try r.next()
        return CheckUpSendRecord(
            id: id, kind: kind, planTeamID: plan, campaignID: campaign, templateID: template, customerID: customer, contactID: contact,
            csmID: csm, companyID: company, month: YearMonth(month), sentBy: sentBy, sentAt: sentAt, expiresAt: expires, remindedAt: reminded,
            answeredAt: answered, answers: answers?.value, score: try r.next(), npsResponseID: try r.next())
    }

    /// Records a send; `nil` when the plan already sent this customer's contact its check-up this month, or the
    /// campaign already went to the contact (a rerun, or a second worker).
    public static func insert(_ tx: TenantTransaction, _ s: CheckUpSendRecord, tokenHash: [UInt8]) async throws -> CheckUpSendRecord? {
        try await tx.query(
            """
            INSERT INTO survey_send AS s (org_id, id, kind, plan_team_id, campaign_id, template_id, customer_id, contact_id, csm_id,
                company_id, month, token_hash, sent_by, sent_at, expires_at)
            VALUES (\(tx.org), \(s.id), \(s.kind), \(s.planTeamID), \(s.campaignID), \(s.templateID), \(s.customerID), \(s.contactID),
                \(s.csmID), \(s.companyID), \(s.month.firstDay), \(tokenHash), \(s.sentBy), \(s.sentAt), \(s.expiresAt))
            ON CONFLICT DO NOTHING
            RETURNING \(columns)
            """
        ).first.map(decode)
    }

    public static func get(_ tx: TenantTransaction, id: UUID, lock: Bool = false) async throws -> CheckUpSendRecord? {
        try await tx.query(
            """
            SELECT \(columns) FROM survey_send s WHERE s.org_id = \(tx.org) AND s.id = \(id)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first.map(decode)
    }

    /// Inside system work: the org and id of the send a link's token hash names (either of its links). Nothing else.
    public static func resolve(_ tx: some QueryRunner, tokenHash: [UInt8]) async throws -> (org: UUID, id: UUID)? {
        guard let row = try await tx.query(
            "SELECT org_id, id FROM survey_send WHERE token_hash = \(tokenHash) OR reminder_token_hash = \(tokenHash) LIMIT 1"
        ).first else { return nil }
        let (org, id) = try row.decode((UUID, UUID).self)
        return (org, id)
    }

    /// Stores the answers if the link is still open at the transaction's instant; false when answered or expired.
    public static func answer(
        _ tx: TenantTransaction, id: UUID, answers: [CheckUpAnswer], score: Double?, npsResponse: UUID?
    ) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE survey_send SET answered_at = banso_now(), answers = \(JSON(answers)), score = \(score), nps_response_id = \(npsResponse)
            WHERE org_id = \(tx.org) AND id = \(id) AND answered_at IS NULL AND expires_at > banso_now()
            """) == 1
    }

    /// Whether the contact has a check-up whose link is still open: a second one by hand would only ask twice.
    public static func hasOpenCheckUp(_ tx: TenantTransaction, contact: UUID) async throws -> Bool {
        try await !tx.query(
            """
            SELECT 1 FROM survey_send
            WHERE org_id = \(tx.org) AND contact_id = \(contact) AND kind = 'check_up' AND answered_at IS NULL AND expires_at > banso_now()
            LIMIT 1
            """
        ).isEmpty
    }

    /// What a list asks for.
    public struct Filter: Sendable {
        public var customerID: UUID?
        public var month: YearMonth?
        public var answered: Bool?
        public var kind: CheckUpSendRecord.Kind?
        public var campaignID: UUID?

        public init(customerID: UUID? = nil, month: YearMonth? = nil, answered: Bool? = nil, kind: CheckUpSendRecord.Kind? = nil, campaignID: UUID? = nil) {
            (self.customerID, self.month, self.answered, self.kind, self.campaignID) = (customerID, month, answered, kind, campaignID)
        }
    }

    /// The sends of customers `reach` may read, newest first.
    public static func list(_ tx: TenantTransaction, _ filter: Filter, reach: Reach, after cursor: UUID?, limit: Int) async throws
        -> Page<CheckUpSendRecord>
    {
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM survey_send s JOIN customer c ON c.org_id = s.org_id AND c.id = s.customer_id
            WHERE s.org_id = \(tx.org) AND \(CustomerVisibility.condition(reach, customer: "c"))
              AND (\(filter.customerID)::uuid IS NULL OR s.customer_id = \(filter.customerID))
              AND (\(filter.month?.firstDay)::date IS NULL OR s.month = \(filter.month?.firstDay))
              AND (\(filter.answered)::boolean IS NULL OR (s.answered_at IS NOT NULL) = \(filter.answered))
              AND (\(filter.kind)::text IS NULL OR s.kind = \(filter.kind))
              AND (\(filter.campaignID)::uuid IS NULL OR s.campaign_id = \(filter.campaignID))
            \(Keyset(after: cursor, limit: limit, newestFirst: true).clause("s.id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    /// Answered NPS sends per campaign, of the customers `reach` may read: a campaign's response count.
    public static func answeredByCampaign(_ tx: TenantTransaction, reach: Reach) async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for row in try await tx.query(
            """
            SELECT s.campaign_id, count(*) FROM survey_send s JOIN customer c ON c.org_id = s.org_id AND c.id = s.customer_id
            WHERE s.org_id = \(tx.org) AND s.kind = 'nps' AND s.campaign_id IS NOT NULL AND s.answered_at IS NOT NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            GROUP BY s.campaign_id
            """)
        {
            let (campaign, count) = try row.decode((UUID, Int).self)
            counts[campaign] = count
        }
        return counts
    }

    /// Open sends not yet reminded, sent at least `days` × 24 h before `now`, whose contact can still be mailed.
    public static func dueReminders(_ tx: TenantTransaction, now: Date, afterDays days: Int) async throws -> [CheckUpSendRecord] {
        try await tx.query(
            """
            SELECT \(columns) FROM survey_send s
            JOIN contact k ON k.org_id = s.org_id AND k.id = s.contact_id
            LEFT JOIN contact_mail_state m ON m.org_id = s.org_id AND m.contact_id = s.contact_id
            WHERE s.org_id = \(tx.org) AND s.answered_at IS NULL AND s.reminded_at IS NULL AND s.expires_at > \(now)
              AND s.sent_at <= \(now)::timestamptz - make_interval(days => \(days)::int)
              AND k.erased_at IS NULL AND k.email IS NOT NULL AND m.opted_out_at IS NULL AND m.bounced_at IS NULL
            ORDER BY s.sent_at, s.id
            """
        ).map(decode)
    }

    /// Marks the reminder sent, with its own link; false when another run reminded first.
    public static func markReminded(_ tx: TenantTransaction, id: UUID, tokenHash: [UInt8], at instant: Date) async throws -> Bool {
        try await tx.execute(
            """
            UPDATE survey_send SET reminded_at = \(instant), reminder_token_hash = \(tokenHash)
            WHERE org_id = \(tx.org) AND id = \(id) AND reminded_at IS NULL
            """) == 1
    }
}

extension CheckUpSendRepository {
    /// The customers a team's plan already sent their check-up in `month`: the monthly run sends each once, to
    /// whichever contact the rule picked that day.
    public static func customersSent(_ tx: TenantTransaction, planTeam: UUID, month: YearMonth) async throws -> Set<UUID> {
        Set(try await tx.query(
            """
            SELECT DISTINCT customer_id FROM survey_send
            WHERE org_id = \(tx.org) AND plan_team_id = \(planTeam) AND month = \(month.firstDay)
            """
        ).decodeColumn(UUID.self))
    }
}
