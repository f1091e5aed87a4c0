public import Database
public import Domain
public import Foundation

/// Customers' standing on success measures: the current judgement of each (customer, definition, measure), every
/// judgement ever recorded, and the usage figures that judge metric-bound measures.
public enum MeasureStatusRepository {
    /// Who or what judged a measure.
    public enum Source: String, Sendable, CaseIterable, Codable {
        case manual, metric, program
    }

    /// A stored judgement with where it came from.
    public struct Stored: Sendable, Equatable {
        public var customerID: UUID
        public var definitionID: UUID
        public var status: MeasureStatus
        public var source: Source
        public var sourceID: UUID?
        public var version: Int
        /// When it was recorded (history rows) or last changed (current rows).
        public var at: Date
    }

    static let columns: SQLQuery = """
        s.customer_id, s.definition_id, s.measure_id, s.state, s.evidence, s.assessed_on, s.assessed_by, s.source, s.source_id,
        s.version, s.updated_at
        """

    static func decode(_ row: Row) throws -> Stored {
        var r = RowReader(row)
        let customer: UUID = try r.next(), definition: UUID = try r.next(), measure: UUID = try r.next()
        let state: String = try r.next(), evidence: String? = try r.next(), on: LocalDate = try r.next(), by: UUID? = try r.next()
        let source: String = try r.next()
        return Stored(
            customerID: customer, definitionID: definition,
            status: MeasureStatus(measureID: measure, state: MeasureStatus.State(rawValue: state) ?? .unknown, evidence: evidence, assessedOn: on, assessedBy: by),
            source: Source(rawValue: source) ?? .manual, sourceID: try r.next(), version: try r.next(), at: try r.next())
    }

    /// The customer's current judgements, of every definition.
    public static func current(_ tx: TenantTransaction, customer: UUID) async throws -> [Stored] {
        try await tx.query(
            """
            SELECT \(columns) FROM customer_measure_status s
            WHERE s.org_id = \(tx.org) AND s.customer_id = \(customer)
            """
        ).map(decode)
    }

    /// The current judgements of several customers, every definition's (a usage import reconciling what it touched).
    public static func current(_ tx: TenantTransaction, customers: [UUID]) async throws -> [Stored] {
        guard !customers.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT \(columns) FROM customer_measure_status s
            WHERE s.org_id = \(tx.org) AND s.customer_id = ANY(\(customers))
            """
        ).map(decode)
    }

    /// The current judgements of several customers (a report's), on the given definitions.
    public static func current(_ tx: TenantTransaction, customers: [UUID], definitions: [UUID]) async throws -> [Stored] {
        guard !customers.isEmpty, !definitions.isEmpty else { return [] }
        return try await tx.query(
            """
            SELECT \(columns) FROM customer_measure_status s
            WHERE s.org_id = \(tx.org) AND s.customer_id = ANY(\(customers)) AND s.definition_id = ANY(\(definitions))
            """
        ).map(decode)
    }

    /// Records a judgement as the current one and in the history, in one statement. With `expectedVersion` the
    /// current row must still be at that version (0: there must be none yet); `nil` when it was not.
    public static func record(
        _ tx: TenantTransaction, customer: UUID, definition: UUID, _ status: MeasureStatus, source: Source, sourceID: UUID?,
        expectedVersion: Int?
    ) async throws -> Stored? {
        let rows = try await tx.query(
            """
            WITH saved AS (
                INSERT INTO customer_measure_status AS s (org_id, customer_id, definition_id, measure_id, state, evidence, assessed_on,
                    assessed_by, source, source_id)
                SELECT \(tx.org), \(customer), \(definition), \(status.measureID), \(status.state.rawValue), \(status.evidence),
                    \(status.assessedOn), \(status.assessedBy), \(source.rawValue), \(sourceID)
                WHERE \(expectedVersion)::integer IS NULL OR \(expectedVersion)::integer = 0
                   OR EXISTS (SELECT 1 FROM customer_measure_status x WHERE x.org_id = \(tx.org) AND x.customer_id = \(customer)
                              AND x.definition_id = \(definition) AND x.measure_id = \(status.measureID))
                ON CONFLICT (org_id, customer_id, definition_id, measure_id) DO UPDATE SET
                    state = excluded.state, evidence = excluded.evidence, assessed_on = excluded.assessed_on,
                    assessed_by = excluded.assessed_by, source = excluded.source, source_id = excluded.source_id,
                    updated_at = banso_now(), version = s.version + 1
                WHERE \(expectedVersion)::integer IS NULL OR s.version = \(expectedVersion)
                RETURNING \(columns)
            ), history AS (
                INSERT INTO customer_measure_assessment (org_id, id, customer_id, definition_id, measure_id, state, evidence,
                    assessed_on, assessed_by, source, source_id)
                SELECT \(tx.org), \(UUID.v7()), s.customer_id, s.definition_id, s.measure_id, s.state, s.evidence, s.assessed_on,
                    s.assessed_by, s.source, s.source_id
                FROM saved s
            )
            SELECT * FROM saved s
            """)
        return try rows.first.map(decode)
    }

    /// The customer's judgements as they were recorded, latest first.
    public static func history(_ tx: TenantTransaction, customer: UUID, limit: Int) async throws -> [Stored] {
        try await tx.query(
            """
            SELECT s.customer_id, s.definition_id, s.measure_id, s.state, s.evidence, s.assessed_on, s.assessed_by, s.source,
                s.source_id, 1, s.recorded_at
            FROM customer_measure_assessment s
            WHERE s.org_id = \(tx.org) AND s.customer_id = \(customer)
            ORDER BY s.recorded_at DESC, s.id DESC LIMIT \(limit)
            """
        ).map(decode)
    }

    /// The latest figure up to `today` of each of `metrics` for each of `customers`: what judges bound measures.
    public static func readings(
        _ tx: TenantTransaction, customers: [UUID], metrics: [String], today: LocalDate
    ) async throws -> [UUID: [String: SuccessMeasureEvaluation.Reading]] {
        guard !customers.isEmpty, !metrics.isEmpty else { return [:] }
        let rows = try await tx.query(
            """
            SELECT DISTINCT ON (customer_id, metric) customer_id, metric, value, day
            FROM usage_metric
            WHERE org_id = \(tx.org) AND customer_id = ANY(\(customers)) AND metric = ANY(\(metrics)) AND day <= \(today)
            ORDER BY customer_id, metric, day DESC
            """)
        var readings: [UUID: [String: SuccessMeasureEvaluation.Reading]] = [:]
        for (customer, metric, value, day) in try rows.decode((UUID, String, Double, LocalDate).self) {
            readings[customer, default: [:]][metric] = SuccessMeasureEvaluation.Reading(value: value, on: day)
        }
        return readings
    }
}
