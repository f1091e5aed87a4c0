public import Database
public import Domain
public import Foundation

/// The rows seed 002's program figures are computed from (``ProgramFigures``), kept to the customers a reader sees.
public enum ProgramReportRepository {
    /// Live customers with their phase and whether a program that was not cancelled reached them.
    public static func coverage(_ tx: TenantTransaction, visibleTo reach: Reach) async throws -> [ProgramFigures.CoverageCustomer] {
        try await tx.query(
            """
            SELECT c.id, c.phase, EXISTS (SELECT 1 FROM enrolment e WHERE e.org_id = c.org_id AND e.customer_id = c.id AND e.state <> 'cancelled')
            FROM customer c
            WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND \(CustomerVisibility.condition(reach, customer: "c"))
            """
        ).map { row in
            let (id, phase, enrolled) = try row.decode((UUID, LifecyclePhase, Bool).self)
            return ProgramFigures.CoverageCustomer(customerID: id, phase: phase, enrolled: enrolled)
        }
    }

    /// The enrolments of the customers the reader sees whose presentation was held (the presentation-success share).
    public static func presented(_ tx: TenantTransaction, visibleTo reach: Reach) async throws -> [Enrolment] {
        try await tx.query(
            """
            SELECT \(EnrolmentRepository.columns) FROM enrolment e
            JOIN customer c ON c.org_id = e.org_id AND c.id = e.customer_id
            WHERE e.org_id = \(tx.org) AND e.presentation->>'heldOn' IS NOT NULL AND e.state <> 'cancelled'
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            """
        ).map(EnrolmentRepository.decode)
    }

    /// The held hours in `days` of programs (not cancelled) of the customers the reader sees, per CSM.
    public static func hours(_ tx: TenantTransaction, days: ClosedRange<LocalDate>, visibleTo reach: Reach) async throws
        -> [UUID: [HourBudget.Entry]]
    {
        var result: [UUID: [HourBudget.Entry]] = [:]
        let rows = try await tx.query(
            """
            SELECT e.csm_id, s.held_on, sum(s.duration_minutes)::integer
            FROM program_session s
            JOIN enrolment e ON e.org_id = s.org_id AND e.id = s.enrolment_id AND e.state <> 'cancelled'
            JOIN customer c ON c.org_id = e.org_id AND c.id = e.customer_id
            WHERE s.org_id = \(tx.org) AND s.held_on BETWEEN \(days.lowerBound) AND \(days.upperBound)
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            GROUP BY e.csm_id, s.held_on
            """)
        for row in rows {
            let (member, day, minutes) = try row.decode((UUID, LocalDate, Int).self)
            result[member, default: []].append(HourBudget.Entry(on: day, minutes: minutes))
        }
        return result
    }
}
