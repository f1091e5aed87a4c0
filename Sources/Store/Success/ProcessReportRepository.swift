public import Database
public import Domain
public import Foundation

/// The rows the process reports count, one statement each, over the live customers a reader may read.
public enum ProcessReportRepository {
    /// Each visible live customer's company and current process (adoption per company).
    public static func customers(_ tx: TenantTransaction, visibleTo reach: Reach) async throws -> [ProcessAdoptionReport.Customer] {
        let rows = try await tx.query(
            """
            SELECT c.id, c.company_id, cp.process_id FROM customer c
            LEFT JOIN customer_process cp ON cp.org_id = c.org_id AND cp.customer_id = c.id AND cp.ended_on IS NULL
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND c.merged_into IS NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            """)
        return try rows.decode((UUID, UUID, UUID?).self).map {
            ProcessAdoptionReport.Customer(customerID: $0.0, companyID: $0.1, processID: $0.2)
        }
    }

    /// Each visible live customer's current process and version number and the grade of its latest health score
    /// (`health_score_customer_idx`: one index seek per customer).
    public static func grades(_ tx: TenantTransaction, visibleTo reach: Reach) async throws -> [HealthByProcess.Customer] {
        let rows = try await tx.query(
            """
            SELECT c.id, cp.process_id, v.number, s.grade FROM customer c
            LEFT JOIN customer_process cp ON cp.org_id = c.org_id AND cp.customer_id = c.id AND cp.ended_on IS NULL
            LEFT JOIN process_version v ON v.org_id = cp.org_id AND v.id = cp.version_id
            LEFT JOIN LATERAL (
                SELECT grade FROM health_score
                WHERE org_id = c.org_id AND customer_id = c.id
                ORDER BY scored_at DESC, id DESC LIMIT 1
            ) s ON true
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND c.merged_into IS NULL
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            """)
        return try rows.decode((UUID, UUID?, Int?, HealthGrade?).self).map {
            HealthByProcess.Customer(customerID: $0.0, processID: $0.1, versionNumber: $0.2, grade: $0.3)
        }
    }
}
