import Database
import Domain
import Foundation

/// The customer side of an agenda: grades that fell, renewals whose notice deadline comes up, expansion signals.
/// Only live customers count (not archived, not merged into another).
extension AgendaFactsRepository {
    /// Each score of a customer in scope taken in (since, meetingAt] whose grade is worse than the customer's
    /// score before it — the comparison the scoring run notifies on — with both scores' contributions, so the
    /// causes are the ones the notification names. One index range per customer each way (health_score_customer_idx):
    /// `OFFSET 0` keeps the window's scores a per-customer range instead of a scan of every score ever taken,
    /// which the planner prefers while the history is short and which grows with it.
    static func healthDropsQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        """
        SELECT cu.id, cu.name, cu.company_id, cu.team_id, cu.owner_id, cu.sales_owner_id, s.id, p.grade, s.grade, s.scored_at,
            p.model_version, p.total, \(signalPoints("p")), s.model_version, s.total, \(signalPoints("s"))
        FROM customer cu
        JOIN LATERAL (
            SELECT h.id, h.grade, h.scored_at, h.model_version, h.total, h.contributions FROM health_score h
            WHERE h.org_id = cu.org_id AND h.customer_id = cu.id
              AND h.scored_at > \(request.since) AND h.scored_at <= \(request.meetingAt)
            ORDER BY h.scored_at OFFSET 0
        ) s ON true
        JOIN LATERAL (
            SELECT h.grade, h.model_version, h.total, h.contributions FROM health_score h
            WHERE h.org_id = cu.org_id AND h.customer_id = cu.id AND h.scored_at < s.scored_at
            ORDER BY h.scored_at DESC LIMIT 1
        ) p ON true
        WHERE cu.org_id = \(tx.org) AND cu.archived_at IS NULL AND cu.merged_into IS NULL
          AND s.grade > p.grade
          AND \(inScope(request.scope, tx, company: "cu.company_id", team: "cu.team_id"))
        ORDER BY cu.id, s.scored_at
        """
    }

    /// A score's signals as two arrays in model order — their kinds and the points each contributed — which is all
    /// the causes need: decoding whole contribution objects through JSONDecoder cost a tenth of a regenerate in the
    /// meetings bench's profile.
    static func signalPoints(_ alias: SQLQuery) -> SQLQuery {
        """
            (SELECT array_agg(c->>'kind' ORDER BY o) FROM jsonb_array_elements(\(alias).contributions) WITH ORDINALITY AS x(c, o)),
            (SELECT array_agg((c->>'contribution')::float8 ORDER BY o) FROM jsonb_array_elements(\(alias).contributions) WITH ORDINALITY AS x(c, o))
            """
    }

    static func healthDrop(_ row: Row, locale: Organization.Locale) throws -> AgendaFacts.HealthDrop {
        var r = RowReader(row)
        let customer: UUID = try r.next(), name: String = try r.next()
        let placement = AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next())
        let people = Self.people(try r.next(), try r.next())
        let scoreID: UUID = try r.next(), from: HealthGrade = try r.next(), to: HealthGrade = try r.next(), at: Date = try r.next()
        func score(_ grade: HealthGrade) throws -> HealthScore {
            let version: Int = try r.next(), total: Double = try r.next()
            let kinds: [String] = try r.next([String]?.self) ?? [], points: [Double] = try r.next([Double]?.self) ?? []
            let contributions = zip(kinds, points).compactMap { key, points in
                HealthSignalKind(key: key).map {
                    HealthContribution(stored: $0, raw: nil, normalised: 0, weight: 0, share: 0, contribution: points)
                }
            }
            return HealthScore(modelVersion: version, total: total, grade: grade, contributions: contributions)
        }
        let before = try score(from), after = try score(to)
        let causes = dropCauses(HealthScore.compare(before, after), locale: locale)
        return AgendaFacts.HealthDrop(
            customerID: customer, name: name, placement: placement, people: people, scoreID: scoreID, from: from, to: to, at: at,
            causes: causes)
    }

    /// The signals that lost the most points, worst first, at most three, worded "NPS −12.0": the rule and wording
    /// of the scoring run's notice (`HealthScoreRun.causes` in UseCases, which the Store cannot import), so the
    /// agenda and the CSM's notification name the same causes.
    static func dropCauses(_ change: HealthChange, locale: Organization.Locale) -> [String] {
        change.signals.filter { $0.delta < 0 }.sorted { $0.delta < $1.delta }.prefix(3).map { signal in
            let tenths = Int((abs(signal.delta) * 10).rounded())
            return "\(signal.kind.label(locale)) −\(tenths / 10).\(tenths % 10)"
        }
    }

    /// Active contracts of live customers in scope whose notice deadline (解約予告期限, computed as the renewals view
    /// computes it) lies in [today, today + `withinDays`], with the customer's latest grade and the titles of its
    /// open urgent/high tickets (urgent first, then oldest — the renewal alert's order). The end-date bounds let
    /// contract_end_idx narrow the rows before the deadline is computed: a deadline is never after its end date,
    /// nor more than 24 months (or 730 days) before it.
    static func renewalsQuery(_ tx: TenantTransaction, _ request: Request, withinDays: Int) -> SQLQuery {
        let deadline = RenewalRepository.deadline
        let horizon = request.today.adding(days: withinDays)
        return """
            SELECT k.id, cu.id, cu.name, cu.company_id, cu.team_id, cu.owner_id, cu.sales_owner_id, \(deadline), k.end_date, cu.health_grade,
                coalesce((
                    SELECT array_agg(t.title ORDER BY (t.priority = 'urgent') DESC, t.opened_at, t.id) FROM ticket t
                    WHERE t.org_id = cu.org_id AND t.customer_id = cu.id AND t.status IN ('open', 'pending')
                      AND t.priority IN ('urgent', 'high')
                ), '{}')
            FROM contract k
            JOIN customer cu ON cu.org_id = k.org_id AND cu.id = k.customer_id
            WHERE k.org_id = \(tx.org) AND k.status = 'active'
              AND k.end_date >= \(request.today) AND k.end_date <= \(horizon.adding(days: 800))
              AND \(deadline) BETWEEN \(request.today) AND \(horizon)
              AND cu.archived_at IS NULL AND cu.merged_into IS NULL
              AND \(inScope(request.scope, tx, company: "cu.company_id", team: "cu.team_id"))
            ORDER BY k.id
            """
    }

    static func renewal(_ row: Row) throws -> AgendaFacts.Renewal {
        var r = RowReader(row)
        let contract: UUID = try r.next(), customer: UUID = try r.next(), name: String = try r.next()
        let placement = AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next())
        let people = Self.people(try r.next(), try r.next())
        return AgendaFacts.Renewal(
            contractID: contract, customerID: customer, name: name, placement: placement, people: people, deadline: try r.next(),
            endDate: try r.next(), grade: try r.next(), urgentTickets: try r.next())
    }

    /// Tickets of live customers in scope whose expansion signal was raised in (since, meetingAt]. Raising one
    /// hands it off (an accountability made in the same transaction), so the hand-off's creation is when the signal
    /// was recorded; the ticket's last change stands in for a signal without one. ticket_expansion_idx keeps the
    /// scan to flagged tickets.
    static func expansionSignalsQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        """
        SELECT t.id, cu.id, cu.name, cu.company_id, cu.team_id, cu.owner_id, cu.sales_owner_id, coalesce(t.expansion_note, t.title),
            coalesce(h.created_at, t.updated_at)
        FROM ticket t
        JOIN customer cu ON cu.org_id = t.org_id AND cu.id = t.customer_id
        LEFT JOIN accountability h ON h.org_id = t.org_id AND h.id = t.handoff_id
        WHERE t.org_id = \(tx.org) AND t.expansion_signal
          AND coalesce(h.created_at, t.updated_at) > \(request.since) AND coalesce(h.created_at, t.updated_at) <= \(request.meetingAt)
          AND cu.archived_at IS NULL AND cu.merged_into IS NULL
          AND \(inScope(request.scope, tx, company: "cu.company_id", team: "cu.team_id"))
        ORDER BY t.id
        """
    }

    static func expansionSignal(_ row: Row) throws -> AgendaFacts.ExpansionSignal {
        var r = RowReader(row)
        let ticket: UUID = try r.next(), customer: UUID = try r.next(), name: String = try r.next()
        let placement = AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next())
        let people = Self.people(try r.next(), try r.next())
        return AgendaFacts.ExpansionSignal(
            ticketID: ticket, customerID: customer, customerName: name, placement: placement, people: people, note: try r.next(),
            at: try r.next())
    }
}
