import Database
public import Domain
public import Foundation

/// The behaviour metrics a KPI can be bound to (seed 000: the KPIs are the behaviours that keep the health score
/// from falling): program sessions held, touches on the timeline and process steps completed, counted over a
/// check-in period. A member's goal counts what the member did; any other goal counts what happened with the
/// customers in its scope (their current place), whoever did it.
extension BoundMetricRepository {
    public static func behaviourCount(
        _ tx: TenantTransaction, metric: BoundMetric, goal: Goal, start: LocalDate, end: LocalDate
    ) async throws -> Int {
        let member: UUID? = goal.scopeKind == .member ? goal.ownerID : nil
        // The customers in scope for a team, company or org goal; for a member's goal every customer, the member's
        // own hand being the filter.
        let customers = member == nil ? scope(of: goal) : RevenueRepository.Scope()
        let rows: QueryResult
        switch metric {
        case .programSessionsHeld:
            rows = try await tx.query(
                """
                SELECT count(*) FROM program_session s
                JOIN enrolment en ON en.org_id = s.org_id AND en.id = s.enrolment_id
                JOIN customer c ON c.org_id = en.org_id AND c.id = en.customer_id
                WHERE s.org_id = \(tx.org) AND s.held_on BETWEEN \(start) AND \(end)
                  AND (\(member)::uuid IS NULL OR en.csm_id = \(member))
                  AND \(customers.condition(tx))
                """)
        case .touches:
            // The period's days are the org's: a call at 08:00 JST on the 1st belongs to that month, not the last.
            rows = try await tx.query(
                """
                SELECT count(*) FROM timeline_entry e
                JOIN customer c ON c.org_id = e.org_id AND c.id = e.customer_id
                CROSS JOIN (SELECT time_zone FROM org WHERE id = \(tx.org)) o
                WHERE e.org_id = \(tx.org) AND e.kind = ANY(\(TimelineRepository.touchKinds))
                  AND e.occurred_at >= (\(start)::date::timestamp AT TIME ZONE o.time_zone)
                  AND e.occurred_at < ((\(end)::date + 1)::timestamp AT TIME ZONE o.time_zone)
                  AND e.occurred_at <= banso_now()
                  AND (\(member)::uuid IS NULL OR e.author_id = \(member))
                  AND \(customers.condition(tx))
                """)
        case .processStepsDone:
            rows = try await tx.query(
                """
                SELECT count(*) FROM customer_process_step st
                JOIN customer_process p ON p.org_id = st.org_id AND p.id = st.customer_process_id
                JOIN customer c ON c.org_id = p.org_id AND c.id = p.customer_id
                WHERE st.org_id = \(tx.org) AND st.completed_on BETWEEN \(start) AND \(end)
                  AND (\(member)::uuid IS NULL OR st.completed_by = \(member))
                  AND \(customers.condition(tx))
                """)
        case .grr, .nrr, .nps, .healthABShare:
            return 0
        }
        return try rows[0].decode(Int.self)
    }
}
