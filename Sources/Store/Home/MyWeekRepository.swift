public import Database
public import Domain
public import Foundation

/// What waits for one member this week, for the home page: check-ins to submit, check-ins to review and
/// accountabilities to answer or finish. Every row is the member's own (owner, reviewer, assignee), so no reach
/// clause is needed; each list is capped, since a home page is a start, not an archive.
public enum MyWeekRepository {
    public struct CheckInItem: Sendable {
        public var id: UUID
        public var goalID: UUID
        public var goalTitle: String
        public var goalKind: Goal.Kind
        public var period: String
        public var dueOn: LocalDate
        /// For a review: the goal's owner; for one's own check-in: nil.
        public var ownerName: String?
    }

    public struct AccountabilityItem: Sendable {
        public var id: UUID
        public var subjectType: String
        public var subjectID: UUID?
        /// The duty's words, or the goal's title.
        public var title: String
        public var dueDate: LocalDate?
        public var state: String
        public var assignedByName: String
    }

    public static let cap = 50

    /// Open check-ins of the member's active goals, opened by `today`, soonest due first.
    public static func checkInsToSubmit(_ tx: TenantTransaction, member: UUID, today: LocalDate) async throws -> [CheckInItem] {
        try await tx.query(
            """
            SELECT c.id, c.goal_id, g.title, g.kind, c.period, c.due_on
            FROM check_in c JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            WHERE c.org_id = \(tx.org) AND g.owner_id = \(member) AND g.status = 'active' AND c.state = 'open'
              AND c.opens_on <= \(today)
            ORDER BY c.due_on, g.title, c.id
            LIMIT \(cap)
            """
        ).map { row in
            var r = RowReader(row)
            return CheckInItem(
                id: try r.next(), goalID: try r.next(), goalTitle: try r.next(), goalKind: try r.next(), period: try r.next(),
                dueOn: try r.next(), ownerName: nil)
        }
    }

    /// Submitted check-ins the member is the reviewer of, oldest review deadline first.
    public static func reviewsWaiting(_ tx: TenantTransaction, member: UUID) async throws -> [CheckInItem] {
        try await tx.query(
            """
            SELECT c.id, c.goal_id, g.title, g.kind, c.period, c.review_by, m.display_name
            FROM check_in c JOIN goal g ON g.org_id = c.org_id AND g.id = c.goal_id
            JOIN member m ON m.org_id = g.org_id AND m.id = g.owner_id
            WHERE c.org_id = \(tx.org) AND c.reviewer_id = \(member) AND c.state = 'submitted'
            ORDER BY c.review_by, g.title, c.id
            LIMIT \(cap)
            """
        ).map { row in
            var r = RowReader(row)
            return CheckInItem(
                id: try r.next(), goalID: try r.next(), goalTitle: try r.next(), goalKind: try r.next(), period: try r.next(),
                dueOn: try r.next(), ownerName: try r.next())
        }
    }

    /// Accountabilities assigned to the member and not yet finished: pending ones (to acknowledge) and acknowledged
    /// ones (to complete), soonest due first.
    public static func openAccountabilities(_ tx: TenantTransaction, member: UUID) async throws -> [AccountabilityItem] {
        try await tx.query(
            """
            SELECT a.id, a.subject_type, a.subject_id, coalesce(a.duty, g.title, a.subject_type), a.due_date, a.state,
                b.display_name
            FROM accountability a
            JOIN member b ON b.org_id = a.org_id AND b.id = a.assigned_by
            LEFT JOIN goal g ON a.subject_type = 'goal' AND g.org_id = a.org_id AND g.id = a.subject_id
            WHERE a.org_id = \(tx.org) AND a.assignee_id = \(member) AND a.state IN ('pending', 'acknowledged')
            ORDER BY a.due_date NULLS LAST, a.id
            LIMIT \(cap)
            """
        ).map { row in
            var r = RowReader(row)
            return AccountabilityItem(
                id: try r.next(), subjectType: try r.next(), subjectID: try r.next(), title: try r.next(), dueDate: try r.next(),
                state: try r.next(), assignedByName: try r.next())
        }
    }
}
