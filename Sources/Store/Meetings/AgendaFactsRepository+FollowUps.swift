import Database
import Domain
import Foundation

/// What people owe the meeting: open accountabilities in scope, and the series' action items that are still open.
extension AgendaFactsRepository {
    /// Open accountabilities living in scope that the generator can raise: pending ones (unacknowledged, however
    /// long — the Domain applies the body's threshold) and those past their due day. An accountability lives where
    /// its subject lives now (a goal's or customer's company and team, which may have moved since it was assigned);
    /// a duty or an action item where it was assigned. It is titled by its duty, its subject or its note.
    static func accountabilitiesQuery(_ tx: TenantTransaction, _ request: Request) -> SQLQuery {
        """
        SELECT a.id, coalesce(a.duty, g.title, cu.name, ma.title, a.note, a.subject_type), a.assignee_id, m.display_name,
            pl.company_id, pl.team_id, a.state, (a.created_at AT TIME ZONE \(request.org.timeZone))::date, a.due_date
        FROM accountability a
        JOIN member m ON m.org_id = a.org_id AND m.id = a.assignee_id
        LEFT JOIN goal g ON a.subject_type = 'goal' AND g.org_id = a.org_id AND g.id = a.subject_id
        LEFT JOIN customer cu ON a.subject_type = 'customer' AND cu.org_id = a.org_id AND cu.id = a.subject_id
        LEFT JOIN meeting_action ma ON a.subject_type = 'meeting_action' AND ma.org_id = a.org_id AND ma.id = a.subject_id
        CROSS JOIN LATERAL (
            SELECT CASE WHEN g.id IS NOT NULL THEN g.company_id WHEN cu.id IS NOT NULL THEN cu.company_id ELSE a.company_id END AS company_id,
                CASE WHEN g.id IS NOT NULL THEN g.team_id WHEN cu.id IS NOT NULL THEN cu.team_id ELSE a.team_id END AS team_id
        ) pl
        WHERE a.org_id = \(tx.org) AND a.state IN ('pending', 'acknowledged')
          AND (a.state = 'pending' OR a.due_date < \(request.today))
          AND \(inScope(request.scope, tx, company: "pl.company_id", team: "pl.team_id"))
        ORDER BY a.id
        """
    }

    static func openAccountability(_ row: Row) throws -> AgendaFacts.OpenAccountability {
        var r = RowReader(row)
        let id: UUID = try r.next(), title: String = try r.next(), assignee: UUID = try r.next(), name: String = try r.next()
        return AgendaFacts.OpenAccountability(
            id: id, title: title, assigneeID: assignee, assigneeName: name,
            placement: AgendaFacts.Placement(companyID: try r.next(), teamID: try r.next()), state: try r.next(), assignedOn: try r.next(),
            dueDate: try r.next())
    }

    /// The action items of the series still open, recorded at `previous` or any occurrence of its body before it:
    /// an action is carried over until it is done, however many meetings ago it was agreed. Read as
    /// ``MeetingActionRepository`` reads actions — by the latest accountability of each (a reassignment moves the
    /// action to its new owner and due day; one without an accountability stays open) — so the agenda and the
    /// meeting's action list agree.
    static func previousActionsQuery(_ tx: TenantTransaction, previous: UUID) -> SQLQuery {
        """
        SELECT \(MeetingActionRepository.columns) FROM \(MeetingActionRepository.from)
        JOIN meeting m ON m.org_id = x.org_id AND m.id = x.meeting_id
        JOIN meeting pm ON pm.org_id = m.org_id AND pm.body_id = m.body_id AND pm.id = \(previous)
        WHERE x.org_id = \(tx.org) AND m.starts_at <= pm.starts_at
          AND (acc.state IS NULL OR acc.state IN ('pending', 'acknowledged'))
        ORDER BY x.id
        """
    }

    static func openAction(_ row: Row) throws -> AgendaFacts.OpenAction {
        let action = try MeetingActionRepository.decode(row)
        return AgendaFacts.OpenAction(id: action.id, title: action.title, ownerID: action.ownerID, ownerName: action.ownerName, dueDate: action.dueDate,
            accountabilityID: action.accountabilityID)
    }
}
