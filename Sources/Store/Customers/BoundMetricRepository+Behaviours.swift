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
        // What is counted (joined to its customer `c`), which rows fall in the period, and whose hand each row is.
        let rows: SQLQuery, inPeriod: SQLQuery, actor: SQLQuery
        switch metric {
        case .programSessionsHeld:
            rows = """
                program_session x JOIN enrolment en ON en.org_id = x.org_id AND en.id = x.enrolment_id
                JOIN customer c ON c.org_id = en.org_id AND c.id = en.customer_id
                """
            inPeriod = "x.held_on BETWEEN \(start) AND \(end)"
            actor = "en.csm_id"
        case .touches:
            // The period's days are the org's: a call at 08:00 JST on the 1st belongs to that month, not the last.
            rows = """
                timeline_entry x JOIN customer c ON c.org_id = x.org_id AND c.id = x.customer_id
                JOIN org o ON o.id = x.org_id
                """
            inPeriod = """
                x.kind = ANY(\(TimelineRepository.touchKinds)) AND x.occurred_at <= banso_now()
                AND x.occurred_at >= (\(start)::date::timestamp AT TIME ZONE o.time_zone)
                AND x.occurred_at < ((\(end)::date + 1)::timestamp AT TIME ZONE o.time_zone)
                """
            actor = "x.author_id"
        case .processStepsDone:
            rows = """
                customer_process_step x JOIN customer_process p ON p.org_id = x.org_id AND p.id = x.customer_process_id
                JOIN customer c ON c.org_id = p.org_id AND c.id = p.customer_id
                """
            inPeriod = "x.completed_on BETWEEN \(start) AND \(end)"
            actor = "x.completed_by"
        case .grr, .nrr, .nps, .healthABShare:
            return 0
        }
        let answer = try await tx.query(
            """
            SELECT count(*) FROM \(rows)
            WHERE x.org_id = \(tx.org) AND \(inPeriod)
              AND (\(member)::uuid IS NULL OR \(actor) = \(member))
              AND \(customers.condition(tx))
            """)
        return try answer[0].decode(Int.self)
    }
}
