public import Database
public import Domain
public import Foundation

/// Accountabilities: who answers for what, assigned by whom. Rows are closed, never deleted.
public enum AccountabilityRepository {
    static let columns: SQLQuery = """
        id, assignee_id, assigned_by, subject_type, subject_id, duty, company_id, team_id, due_date, note, state,
        response_reason, responded_at, replaces, replaced_by, created_at, updated_at, version
        """

    static func decode(_ row: Row) throws -> Accountability {
        var r = RowReader(row)
        return Accountability(
            id: try r.next(), assigneeID: try r.next(), assignedByID: try r.next(), subjectType: try r.next(),
            subjectID: try r.next(), duty: try r.next(), companyID: try r.next(), teamID: try r.next(),
            dueDate: try r.next(), note: try r.next(), state: try r.next(), responseReason: try r.next(),
            respondedAt: try r.next(), replacesID: try r.next(), replacedByID: try r.next(), createdAt: try r.next(),
            updatedAt: try r.next(), version: try r.next())
    }

    public static func insert(_ tx: TenantTransaction, _ a: Accountability) async throws -> Accountability {
        let rows = try await tx.query(
            """
            INSERT INTO accountability (org_id, id, assignee_id, assigned_by, subject_type, subject_id, duty, company_id,
                team_id, due_date, note, replaces)
            VALUES (\(tx.org), \(a.id), \(a.assigneeID), \(a.assignedByID), \(a.subjectType), \(a.subjectID), \(a.duty),
                \(a.companyID), \(a.teamID), \(a.dueDate), \(a.note), \(a.replacesID))
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    public static func get(_ tx: TenantTransaction, id: UUID) async throws -> Accountability? {
        try await tx.query("SELECT \(columns) FROM accountability WHERE org_id = \(tx.org) AND id = \(id) FOR UPDATE")
            .first.map(decode)
    }

    public struct Filter: Sendable {
        public var assigneeID: UUID?
        public var assignedByID: UUID?
        public var teamID: UUID?
        public var companyID: UUID?
        public var subjectType: Accountability.SubjectType?
        public var subjectID: UUID?
        public var states: [Accountability.State]?
        /// Pending and created before this instant (the "unacknowledged for more than N days" list).
        public var pendingSince: Date?

        public init(
            assigneeID: UUID? = nil, assignedByID: UUID? = nil, teamID: UUID? = nil, companyID: UUID? = nil,
            subjectType: Accountability.SubjectType? = nil, subjectID: UUID? = nil, states: [Accountability.State]? = nil,
            pendingSince: Date? = nil
        ) {
            self.assigneeID = assigneeID
            self.assignedByID = assignedByID
            self.teamID = teamID
            self.companyID = companyID
            self.subjectType = subjectType
            self.subjectID = subjectID
            self.states = states
            self.pendingSince = pendingSince
        }
    }

    /// The accountabilities `reach` (of `goals.read`) sees, as `Accountabilities.canRead` judges one: in its scope,
    /// or assigned to or by the reader.
    public static func list(
        _ tx: TenantTransaction, filter: Filter, visibleTo reach: Reach, after cursor: UUID?, limit: Int
    ) async throws -> Page<Accountability> {
        let states = filter.states?.map(\.rawValue)
        let rows = try await tx.query(
            """
            SELECT \(columns) FROM accountability
            WHERE org_id = \(tx.org)
              AND (\(filter.assigneeID)::uuid IS NULL OR assignee_id = \(filter.assigneeID))
              AND (\(filter.assignedByID)::uuid IS NULL OR assigned_by = \(filter.assignedByID))
              AND (\(filter.teamID)::uuid IS NULL OR team_id = \(filter.teamID))
              AND (\(filter.companyID)::uuid IS NULL OR company_id = \(filter.companyID)
                   OR team_id IN (SELECT id FROM team WHERE org_id = \(tx.org) AND company_id = \(filter.companyID)))
              AND (\(filter.subjectType)::text IS NULL OR subject_type = \(filter.subjectType))
              AND (\(filter.subjectID)::uuid IS NULL OR subject_id = \(filter.subjectID))
              AND (\(states)::text[] IS NULL OR state = ANY(\(states)))
              AND (\(filter.pendingSince)::timestamptz IS NULL OR (state = 'pending' AND created_at < \(filter.pendingSince)))
              AND (assignee_id = \(reach.memberID) OR assigned_by = \(reach.memberID)
                   OR \(reach.condition(team: "team_id", company: "company_id")))
            \(Keyset(after: cursor, limit: limit).clause("id"))
            """)
        return Page(fetched: try rows.map(decode), limit: limit, id: \.id)
    }

    public static func respond(_ tx: TenantTransaction, id: UUID, acknowledge: Bool, reason: String?) async throws
        -> Accountability
    {
        let rows = try await tx.query(
            """
            UPDATE accountability SET state = \(acknowledge ? "acknowledged" : "declined")::text,
                response_reason = \(reason), responded_at = banso_now(), updated_at = banso_now(), version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// Closes an accountability as `state` (reassigned, completed, cancelled), linking its successor if any.
    public static func close(
        _ tx: TenantTransaction, id: UUID, as state: Accountability.State, replacedBy: UUID?
    ) async throws -> Accountability {
        let rows = try await tx.query(
            """
            UPDATE accountability SET state = \(state), replaced_by = \(replacedBy), updated_at = banso_now(),
                version = version + 1
            WHERE org_id = \(tx.org) AND id = \(id)
            RETURNING \(columns)
            """)
        return try decode(rows[0])
    }

    /// The open accountabilities of a member (for a transfer).
    public static func open(_ tx: TenantTransaction, assignee: UUID) async throws -> [Accountability] {
        try await tx.query(
            """
            SELECT \(columns) FROM accountability
            WHERE org_id = \(tx.org) AND assignee_id = \(assignee) AND state IN ('pending', 'acknowledged')
            ORDER BY id FOR UPDATE
            """
        ).map(decode)
    }
}
