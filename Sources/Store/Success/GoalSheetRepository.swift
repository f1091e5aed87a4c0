public import Database
public import Domain
public import Foundation

extension GoalSheetParty: TextColumn {}

/// An enrolment's goal sheet with every agreement ever given to it (old versions' too, as history).
public enum GoalSheetRepository {
    static let columns: SQLQuery = "g.id, g.enrolment_id, g.version, g.content, g.kpi_actual, g.usage_actual, g.created_at, g.updated_at"

    static func decode(_ row: Row, agreements: [GoalSheetAgreement]) throws -> GoalSheet {
        var r = RowReader(row)
        let id: UUID = try r.next(), enrolment: UUID = try r.next(), version: Int = try r.next()
        let content: JSON<GoalSheetContent> = try r.next()
        return GoalSheet(
            id: id, enrolmentID: enrolment, content: content.value, version: version, agreements: agreements,
            kpiActual: try r.next(), usageActual: try r.next(), createdAt: try r.next(), updatedAt: try r.next())
    }

    /// The enrolment's sheet, if written; locked until the transaction ends when asked.
    public static func get(_ tx: TenantTransaction, enrolment: UUID, lock: Bool = false) async throws -> GoalSheet? {
        guard let row = try await tx.query(
            """
            SELECT \(columns) FROM goal_sheet g WHERE g.org_id = \(tx.org) AND g.enrolment_id = \(enrolment)
            \(lock ? "FOR UPDATE" as SQLQuery : "")
            """
        ).first else { return nil }
        let id = try row.decode(UUID.self, at: 0)
        return try decode(row, agreements: try await agreements(tx, sheet: id))
    }

    /// The sheets of `enrolments` that have one, by enrolment, with their agreements: two statements whatever the
    /// number of enrolments.
    public static func list(_ tx: TenantTransaction, enrolments: [UUID]) async throws -> [UUID: GoalSheet] {
        guard !enrolments.isEmpty else { return [:] }
        let rows = try await tx.query(
            "SELECT \(columns) FROM goal_sheet g WHERE g.org_id = \(tx.org) AND g.enrolment_id = ANY(\(Array(Set(enrolments))))")
        let ids = try rows.map { try $0.decode(UUID.self, at: 0) }
        guard !ids.isEmpty else { return [:] }
        var agreements: [UUID: [GoalSheetAgreement]] = [:]
        for row in try await tx.query(
            """
            SELECT goal_sheet_id, party, coalesce(member_id, contact_id), agreed_at, sheet_version FROM goal_sheet_agreement
            WHERE org_id = \(tx.org) AND goal_sheet_id = ANY(\(ids)) ORDER BY agreed_at, party
            """)
        {
            let (sheet, party, person, at, version) = try row.decode((UUID, GoalSheetParty, UUID, Date, Int).self)
            agreements[sheet, default: []].append(GoalSheetAgreement(party: party, personID: person, agreedAt: at, sheetVersion: version))
        }
        var sheets: [UUID: GoalSheet] = [:]
        for (row, id) in zip(rows, ids) {
            let sheet = try decode(row, agreements: agreements[id] ?? [])
            sheets[sheet.enrolmentID] = sheet
        }
        return sheets
    }

    static func agreements(_ tx: TenantTransaction, sheet: UUID) async throws -> [GoalSheetAgreement] {
        try await tx.query(
            """
            SELECT party, coalesce(member_id, contact_id), agreed_at, sheet_version FROM goal_sheet_agreement
            WHERE org_id = \(tx.org) AND goal_sheet_id = \(sheet) ORDER BY agreed_at, party
            """
        ).map { row in
            let (party, person, at, version) = try row.decode((GoalSheetParty, UUID, Date, Int).self)
            return GoalSheetAgreement(party: party, personID: person, agreedAt: at, sheetVersion: version)
        }
    }

    public static func insert(_ tx: TenantTransaction, _ g: GoalSheet) async throws -> GoalSheet {
        do {
            let rows = try await tx.query(
                """
                INSERT INTO goal_sheet AS g (org_id, id, enrolment_id, version, content, kpi_actual, usage_actual)
                VALUES (\(tx.org), \(g.id), \(g.enrolmentID), \(g.version), \(JSON(g.content)), \(g.kpiActual), \(g.usageActual))
                RETURNING \(columns)
                """)
            return try decode(rows[0], agreements: [])
        } catch {
            throw DomainError.from(error, conflicts: ["goal_sheet_org_id_enrolment_id_key": ("enrolment_id", "the goal sheet was written by another request at the same moment; reload it")])
        }
    }

    /// Writes the sheet's content, version, figures and any agreement not yet stored. The caller holds the row's
    /// lock (``get(_:enrolment:lock:)``), so no one else saved in between.
    public static func save(_ tx: TenantTransaction, _ g: GoalSheet) async throws -> GoalSheet {
        try await tx.execute(
            """
            UPDATE goal_sheet SET content = \(JSON(g.content)), version = \(g.version), kpi_actual = \(g.kpiActual),
                usage_actual = \(g.usageActual), updated_at = banso_now()
            WHERE org_id = \(tx.org) AND id = \(g.id)
            """)
        for a in g.agreements {
            let member: UUID? = a.party == .csm ? a.personID : nil
            let contact: UUID? = a.party == .csm ? nil : a.personID
            try await tx.execute(
                """
                INSERT INTO goal_sheet_agreement (org_id, goal_sheet_id, party, sheet_version, member_id, contact_id, agreed_at)
                VALUES (\(tx.org), \(g.id), \(a.party), \(a.sheetVersion), \(member), \(contact), \(a.agreedAt))
                ON CONFLICT DO NOTHING
                """)
        }
        guard let saved = try await get(tx, enrolment: g.enrolmentID) else { throw DomainError(.notFound, "goal sheet not found") }
        return saved
    }

    /// The goal-sheet progress (0–100) of each customer's active enrolment whose sheet all three parties have agreed
    /// (at its current version or an earlier one: an edit awaiting agreement again keeps the signal): the health signal.
    /// `only`: one customer's (the health of one customer), else every customer's.
    public static func progressByCustomer(_ tx: TenantTransaction, only: UUID?) async throws -> [UUID: Double] {
        let rows = try await tx.query(
            """
            SELECT e.customer_id, \(columns) FROM goal_sheet g
            JOIN enrolment e ON e.org_id = g.org_id AND e.id = g.enrolment_id AND e.state = 'active'
            WHERE g.org_id = \(tx.org) AND (\(only)::uuid IS NULL OR e.customer_id = \(only))
              AND EXISTS (SELECT 1 FROM goal_sheet_agreement a WHERE a.org_id = g.org_id AND a.goal_sheet_id = g.id
                          GROUP BY a.sheet_version HAVING count(*) = 3)
            """)
        var result: [UUID: Double] = [:]
        for row in rows {
            let sheet = try decode(row, from: 1, agreements: [])
            if let progress = sheet.progress { result[try row.decode(UUID.self, at: 0)] = max(0, min(100, progress)) }
        }
        return result
    }

    static func decode(_ row: Row, from column: Int, agreements: [GoalSheetAgreement]) throws -> GoalSheet {
        var r = RowReader(row, from: column)
        let id: UUID = try r.next(), enrolment: UUID = try r.next(), version: Int = try r.next()
        let content: JSON<GoalSheetContent> = try r.next()
        return GoalSheet(
            id: id, enrolmentID: enrolment, content: content.value, version: version, agreements: agreements,
            kpiActual: try r.next(), usageActual: try r.next(), createdAt: try r.next(), updatedAt: try r.next())
    }
}
