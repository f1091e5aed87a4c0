import Database
import Domain
import Foundation

/// The goal side of an agenda: each live goal's latest reported confidence, the check-ins of the current period
/// still to come, and submitted check-ins waiting for their reviewer.
extension AgendaFactsRepository {
    /// Every active goal in scope with the confidence of its latest submitted (or reviewed) check-in — as the
    /// dashboard's off-track list reads it, without its period window: a meeting looks at what is reported now. The
    /// order is check_in_reported_idx's, so each goal costs one index step and no sort.
    static func goalsQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        """
        SELECT g.id, g.title, g.owner_id, m.display_name, g.company_id, g.team_id, c.confidence, c.period
        FROM goal g
        JOIN member m ON m.org_id = g.org_id AND m.id = g.owner_id
        JOIN LATERAL (
            SELECT c.confidence, c.period FROM check_in c
            WHERE c.org_id = g.org_id AND c.goal_id = g.id AND c.state IN ('submitted', 'reviewed')
            ORDER BY c.period_start DESC LIMIT 1
        ) c ON true
        WHERE g.org_id = \(tx.org) AND g.status = 'active' AND c.confidence IS NOT NULL
          AND \(inScope(request.scope, tx, company: "g.company_id", team: "g.team_id"))
        ORDER BY g.id
        """
    }

    static func goalState(_ row: Row) throws -> AgendaFacts.GoalState {
        var r = RowReader(row)
        return AgendaFacts.GoalState(
            goalID: try r.next(), title: try r.next(), ownerID: try r.next(), ownerName: try r.next(),
            placement: AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next()), confidence: try r.next(), period: try r.next())
    }

    /// The period of `cadence` whose check-in is in play on `today`: the latest whose check-in has opened by the
    /// org's rules (``CheckInSchedule``) — the month just ended from the check-in day on, the month before until then.
    static func currentPeriod(_ cadence: Cadence, today: LocalDate, org: OrgFacts) -> (period: CheckInPeriod, schedule: CheckInSchedule) {
        let period = CheckInPeriod.containing(today, cadence: cadence, fiscalYearStartMonth: org.startMonth).previous
        let schedule = CheckInSchedule(period: period, settings: org.settings, calendar: org.calendar)
        if schedule.opensOn <= today { return (period, schedule) }
        return (period.previous, CheckInSchedule(period: period.previous, settings: org.settings, calendar: org.calendar))
    }

    /// Active goals in scope that report on their cadence's current period (the goal the scheduler's fan-out opens
    /// a check-in for: `GoalRepository.reporting`'s condition) and have no submitted check-in for it — none opened,
    /// or one still open. A check-in that exists keeps its own due day; one not opened yet is due when the rules say.
    /// "Drafted" means the owner wrote something (a bound KPI's actual fills itself, so it does not count).
    static func checkInGapsQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        let current = Cadence.allCases.map { currentPeriod($0, today: request.today, org: request.org) }
        return """
            SELECT g.id, g.title, g.owner_id, m.display_name, g.company_id, g.team_id, p.label, coalesce(c.due_on, p.due_on),
                (c.id IS NOT NULL AND (c.confidence IS NOT NULL OR c.comment IS NOT NULL OR c.blockers IS NOT NULL
                    OR c.review_decision IS NOT NULL OR (c.actual IS NOT NULL AND g.bound_metric IS NULL)))
            FROM unnest(\(current.map(\.period.cadence.rawValue))::text[], \(current.map(\.period.description))::text[],
                \(current.map(\.period.start))::date[], \(current.map(\.period.end))::date[], \(current.map(\.schedule.dueOn))::date[])
                AS p(cadence, label, start_on, end_on, due_on)
            JOIN goal g ON g.org_id = \(tx.org) AND g.status = 'active'
                AND ((g.cadence = p.cadence AND (g.cadence_from IS NULL OR p.end_on >= g.cadence_from))
                     OR (g.prior_cadence = p.cadence AND p.end_on < g.cadence_from))
                AND g.period_start <= p.start_on AND g.period_end >= p.end_on
            JOIN member m ON m.org_id = g.org_id AND m.id = g.owner_id
            LEFT JOIN check_in c ON c.org_id = g.org_id AND c.goal_id = g.id AND c.period = p.label
            WHERE (c.id IS NULL OR c.state = 'open')
              AND \(inScope(request.scope, tx, company: "g.company_id", team: "g.team_id"))
            ORDER BY g.id
            """
    }

    static func checkInGap(_ row: Row) throws -> AgendaFacts.CheckInGap {
        var r = RowReader(row)
        return AgendaFacts.CheckInGap(
            goalID: try r.next(), title: try r.next(), ownerID: try r.next(), ownerName: try r.next(),
            placement: AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next()), period: try r.next(), dueDate: try r.next(),
            drafted: try r.next())
    }

    /// Submitted check-ins waiting for review — the review queue's condition (`state = 'submitted'`) — of goals
    /// in scope that are not archived, with the day (in the org's zone) they were submitted.
    static func pendingReviewsQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        """
        SELECT c.id, g.id, g.title, g.owner_id, rv.display_name, g.company_id, g.team_id,
            (coalesce(c.submitted_at, c.updated_at) AT TIME ZONE \(request.org.timeZone))::date
        FROM check_in c
        JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
        LEFT JOIN member rv ON rv.org_id = c.org_id AND rv.id = c.reviewer_id
        WHERE c.org_id = \(tx.org) AND c.state = 'submitted' AND g.status <> 'archived'
          AND \(inScope(request.scope, tx, company: "g.company_id", team: "g.team_id"))
        ORDER BY c.id
        """
    }

    static func pendingReview(_ row: Row) throws -> AgendaFacts.PendingReview {
        var r = RowReader(row)
        let checkIn: UUID = try r.next(), goal: UUID = try r.next(), title: String = try r.next(), owner: UUID = try r.next()
        let reviewer: String? = try r.next()
        return AgendaFacts.PendingReview(
            checkInID: checkIn, goalID: goal, title: title, ownerID: owner, reviewerName: reviewer,
            placement: AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next()), submittedOn: try r.next())
    }
}
