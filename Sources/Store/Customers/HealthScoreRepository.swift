public import Database
public import Domain
public import Foundation

/// Health scores as computed: every signal's value and contribution, the model version, the month the score stands
/// for. Written in one multi-row statement per run (with the customers' `health_*` columns), never rewritten.
public enum HealthScoreRepository {
    /// Where a score came from.
    public enum Source: String, Sendable, Codable, CaseIterable, TextColumn {
        case schedule, onDemand = "on_demand", `import`
    }

    /// A stored score.
    public struct Stored: Sendable {
        public var id: UUID
        public var customerID: UUID
        /// The first day of the month it stands for.
        public var month: LocalDate
        public var scoredAt: Date
        public var source: Source
        public var score: HealthScore
    }

    /// One contribution as stored in `health_score.contributions`: the signal by its key, so the JSON reads well.
    struct StoredContribution: Codable, Sendable {
        var kind: String
        var raw: Double?
        var normalised: Double
        var weight: Double
        var share: Double
        var contribution: Double

        init(_ c: HealthContribution) {
            (kind, raw, normalised, weight, share, contribution) = (c.kind.description, c.raw, c.normalised, c.weight, c.share, c.contribution)
        }

        var domain: HealthContribution? {
            HealthSignalKind(key: kind).map {
                HealthContribution(stored: $0, raw: raw, normalised: normalised, weight: weight, share: share, contribution: contribution)
            }
        }
    }

    static let columns: SQLQuery = "id, customer_id, model_version, month, scored_at, total, grade, contributions, source"

    static func decode(_ row: Row) throws -> Stored {
        var r = RowReader(row)
        let id: UUID = try r.next(), customer: UUID = try r.next(), version: Int = try r.next()
        let month: LocalDate = try r.next(), scoredAt: Date = try r.next(), total: Double = try r.next()
        let grade: HealthGrade = try r.next()
        let contributions = try r.next(JSON<[StoredContribution]>.self).value.compactMap(\.domain)
        let source: Source = try r.next()
        return Stored(
            id: id, customerID: customer, month: month, scoredAt: scoredAt, source: source,
            score: HealthScore(modelVersion: version, total: total, grade: grade, contributions: contributions))
    }

    /// A score to write.
    public struct NewScore: Sendable {
        public var id: UUID
        public var customerID: UUID
        public var score: HealthScore
        public init(id: UUID, customerID: UUID, score: HealthScore) {
            (self.id, self.customerID, self.score) = (id, customerID, score)
        }
    }

    private struct Input: Codable, Sendable {
        var id: UUID
        var customer_id: UUID
        var model_version: Int
        var total: Double
        var grade: String
        var contributions: [StoredContribution]
    }

    /// Writes every score in one statement and moves each customer's `health_grade`, `health_total` and
    /// `health_scored_at` in the same statement: the run of a whole org is one round trip.
    public static func insertAll(
        _ tx: TenantTransaction, _ scores: [NewScore], month: LocalDate, scoredAt: Date, source: Source
    ) async throws {
        guard !scores.isEmpty else { return }
        let input = scores.map {
            Input(id: $0.id, customer_id: $0.customerID, model_version: $0.score.modelVersion, total: $0.score.total,
                  grade: $0.score.grade.rawValue, contributions: $0.score.contributions.map(StoredContribution.init))
        }
        _ = try await tx.execute(
            """
            WITH input AS (
                SELECT * FROM jsonb_to_recordset(\(JSON(input))::jsonb)
                    AS r(id uuid, customer_id uuid, model_version integer, total double precision, grade text, contributions jsonb)
            ), inserted AS (
                INSERT INTO health_score (org_id, id, customer_id, model_version, month, scored_at, total, grade, contributions, source)
                SELECT \(tx.org), id, customer_id, model_version, \(month), \(scoredAt), total, grade, contributions, \(source)
                FROM input
                RETURNING customer_id
            )
            UPDATE customer c SET health_grade = i.grade, health_total = i.total, health_scored_at = \(scoredAt)
            FROM input i
            WHERE c.org_id = \(tx.org) AND c.id = i.customer_id
              AND (c.health_scored_at IS NULL OR c.health_scored_at <= \(scoredAt))
              AND EXISTS (SELECT 1 FROM inserted WHERE inserted.customer_id = i.customer_id)
            """)
    }

    /// Each customer's latest score's id and grade (all live customers, or `only`): what a new score is compared
    /// with to find a grade drop. One index seek per customer (health_score_customer_idx).
    public static func latestGrades(_ tx: TenantTransaction, only: UUID?) async throws -> [UUID: (id: UUID, grade: HealthGrade)] {
        let rows = try await tx.query(
            """
            SELECT c.id, s.id, s.grade FROM customer c
            CROSS JOIN LATERAL (
                SELECT id, grade FROM health_score
                WHERE org_id = c.org_id AND customer_id = c.id
                ORDER BY scored_at DESC LIMIT 1
            ) s
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND (\(only)::uuid IS NULL OR c.id = \(only))
            """)
        var grades: [UUID: (id: UUID, grade: HealthGrade)] = [:]
        for (customer, id, grade) in try rows.decode((UUID, UUID, HealthGrade).self) { grades[customer] = (id, grade) }
        return grades
    }

    /// Scores by id (the previous scores of the customers whose grade dropped).
    public static func get(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: Stored] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await tx.query("SELECT \(columns) FROM health_score WHERE org_id = \(tx.org) AND id = ANY(\(ids))")
        return Dictionary(try rows.map(decode).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The customer's latest score.
    public static func latest(_ tx: TenantTransaction, customer: UUID) async throws -> Stored? {
        try await tx.query(
            """
            SELECT \(columns) FROM health_score WHERE org_id = \(tx.org) AND customer_id = \(customer)
            ORDER BY scored_at DESC, id DESC LIMIT 1
            """
        ).first.map(decode)
    }

    /// The customer's latest score of a month before `month`: "since last month".
    public static func latestBefore(_ tx: TenantTransaction, customer: UUID, month: LocalDate) async throws -> Stored? {
        try await tx.query(
            """
            SELECT \(columns) FROM health_score
            WHERE org_id = \(tx.org) AND customer_id = \(customer) AND month < \(month)
            ORDER BY scored_at DESC, id DESC LIMIT 1
            """
        ).first.map(decode)
    }

    /// One entry of a customer's history: the latest score of each month.
    public struct MonthGrade: Sendable {
        public var month: LocalDate
        public var grade: HealthGrade
        public var total: Double
        public var modelVersion: Int
        public var scoredAt: Date
        public var source: Source
    }

    /// The latest score of each month from `from` on, oldest first.
    public static func history(_ tx: TenantTransaction, customer: UUID, from: LocalDate) async throws -> [MonthGrade] {
        try await tx.query(
            """
            SELECT month, grade, total, model_version, scored_at, source FROM (
                SELECT DISTINCT ON (month) month, grade, total, model_version, scored_at, source FROM health_score
                WHERE org_id = \(tx.org) AND customer_id = \(customer) AND month >= \(from)
                ORDER BY month, scored_at DESC, id DESC
            ) latest ORDER BY month
            """
        ).map { row in
            var r = RowReader(row)
            return MonthGrade(
                month: try r.next(), grade: try r.next(), total: try r.next(), modelVersion: try r.next(), scoredAt: try r.next(),
                source: try r.next())
        }
    }

    /// How customers are grouped in the distribution.
    public enum Grouping: String, Sendable, CaseIterable {
        case org, company, team, csm
    }

    /// Counts per (group, month, grade) of each visible customer's latest score in each month from `from` through
    /// `to` (first days of months), grouped by the customer's current company, team or CSM. One statement.
    public static func distribution(
        _ tx: TenantTransaction, from: LocalDate, to: LocalDate, groupBy: Grouping, visibleTo reach: Reach
    ) async throws -> [(group: String, month: LocalDate, grade: HealthGrade, count: Int)] {
        let group: SQLQuery = switch groupBy {
        case .org: "'org'"
        case .company: "c.company_id::text"
        case .team: "coalesce(c.team_id::text, 'none')"
        case .csm: "coalesce(c.owner_id::text, 'none')"
        }
        let rows = try await tx.query(
            """
            SELECT grp, month, grade, count(*)::int FROM (
                SELECT DISTINCT ON (s.customer_id, s.month) s.customer_id, s.month, s.grade, \(group) AS grp
                FROM health_score s
                JOIN customer c ON c.org_id = s.org_id AND c.id = s.customer_id
                WHERE s.org_id = \(tx.org) AND s.month >= \(from) AND s.month <= \(to) AND c.merged_into IS NULL
                  AND \(CustomerVisibility.condition(reach, customer: "c"))
                ORDER BY s.customer_id, s.month, s.scored_at DESC, s.id DESC
            ) latest
            GROUP BY grp, month, grade
            """)
        return try rows.decode((String, LocalDate, HealthGrade, Int).self).map { ($0.0, $0.1, $0.2, $0.3) }
    }
}
