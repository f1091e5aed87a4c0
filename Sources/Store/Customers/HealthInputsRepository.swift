public import Database
public import Domain
public import Foundation

/// The raw values of a health model's signals for all of an org's customers at once (or one customer): one
/// statement per signal kind, sent together in one round trip — never a query per customer, so the monthly run of
/// 10,000 customers reads its inputs in a handful of set-based scans.
public enum HealthInputsRepository {
    /// A customer to be scored, with what the grade-drop notice needs.
    public struct Subject: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var ownerID: UUID?
        public var companyID: UUID
        public var teamID: UUID?
    }

    /// Timeline kinds that are a person's touch with the customer: the timeline's own definition
    /// (``TimelineEntry/Kind/isTouch``), so the health signal and the customer's last touch agree — a note is
    /// written about the customer, not with them, and the notes Banso writes itself (an enrolment, a success
    /// reached, an opt-out) must not make a silent customer look touched.
    static var touchKinds: [String] { TimelineRepository.touchKinds }

    /// The customers to score: every live one (not archived, not merged away), or just `only`.
    public static func subjects(_ tx: TenantTransaction, only: UUID?) async throws -> [Subject] {
        try await tx.query(
            """
            SELECT id, name, owner_id, company_id, team_id FROM customer
            WHERE org_id = \(tx.org) AND archived_at IS NULL AND merged_into IS NULL
              AND (\(only)::uuid IS NULL OR id = \(only))
            ORDER BY id
            """
        ).map { row in
            var r = RowReader(row)
            return Subject(id: try r.next(), name: try r.next(), ownerID: try r.next(), companyID: try r.next(), teamID: try r.next())
        }
    }

    /// Each customer's raw signal values as of `now` (`today` in the org's zone). A customer missing from a
    /// signal's answer has no data for it (the model's declared no-data score applies); open high-priority tickets
    /// are counted, so a customer without any has 0 — a value, not silence.
    public static func inputs(
        _ tx: TenantTransaction, model: HealthModel, only: UUID?, now: Date, today: LocalDate
    ) async throws -> [UUID: [HealthSignalKind: Double]] {
        var statements: [(HealthSignalKind, SQLQuery)] = []
        for signal in model.signals {
            switch signal.kind {
            case .nps:
                // The NPS of the last 12 months' answers: % promoters (9–10) − % detractors (0–6).
                statements.append((signal.kind, """
                    SELECT customer_id,
                        (100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*))::float8
                    FROM nps_response
                    WHERE org_id = \(tx.org) AND responded_on > \(today.adding(months: -12)) AND responded_on <= \(today)
                      AND (\(only)::uuid IS NULL OR customer_id = \(only))
                    GROUP BY customer_id
                    """))
            case .openHighPriorityTickets:
                statements.append((signal.kind, """
                    SELECT c.id, count(t.id)::float8
                    FROM customer c
                    LEFT JOIN ticket t ON t.org_id = c.org_id AND t.customer_id = c.id AND t.status IN ('open', 'pending')
                        AND t.priority IN ('urgent', 'high')
                    WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND (\(only)::uuid IS NULL OR c.id = \(only))
                    GROUP BY c.id
                    """))
            case .daysSinceLastTouch:
                statements.append((signal.kind, """
                    SELECT c.id,
                        greatest(0, floor(extract(epoch FROM (\(now)::timestamptz - greatest(c.last_touch_at, t.last))) / 86400))::float8
                    FROM customer c
                    LEFT JOIN (
                        SELECT customer_id, max(occurred_at) AS last FROM timeline_entry
                        WHERE org_id = \(tx.org) AND kind = ANY(\(touchKinds)) AND occurred_at <= \(now)
                          AND (\(only)::uuid IS NULL OR customer_id = \(only))
                        GROUP BY customer_id
                    ) t ON t.customer_id = c.id
                    WHERE c.org_id = \(tx.org) AND c.archived_at IS NULL AND (\(only)::uuid IS NULL OR c.id = \(only))
                      AND greatest(c.last_touch_at, t.last) IS NOT NULL
                    """))
            case .usage(let metric):
                // The latest value of the metric up to today.
                statements.append((signal.kind, """
                    SELECT DISTINCT ON (customer_id) customer_id, value
                    FROM usage_metric
                    WHERE org_id = \(tx.org) AND metric = \(metric) AND day <= \(today)
                      AND (\(only)::uuid IS NULL OR customer_id = \(only))
                    ORDER BY customer_id, day DESC
                    """))
            case .checkUpAnswers:
                // The score (0–100) of the latest check-up answered within the last 3 months; none: no data.
                statements.append((signal.kind, """
                    SELECT DISTINCT ON (customer_id) customer_id, score
                    FROM survey_send
                    WHERE org_id = \(tx.org) AND kind = 'check_up' AND score IS NOT NULL AND answered_at <= \(now)
                      AND answered_at > \(now)::timestamptz - interval '3 months'
                      AND (\(only)::uuid IS NULL OR customer_id = \(only))
                    ORDER BY customer_id, answered_at DESC
                    """))
            case .checkUpsUnanswered:
                // Check-ups of the last six months whose link closed unanswered after the customer's latest answer:
                // consecutive silence, which an answer resets. A customer sent none has no data.
                statements.append((signal.kind, """
                    SELECT s.customer_id,
                        (count(*) FILTER (WHERE s.answered_at IS NULL AND s.expires_at <= \(now)
                            AND (a.last IS NULL OR s.sent_at > a.last)))::float8
                    FROM survey_send s
                    LEFT JOIN (
                        SELECT customer_id, max(answered_at) AS last FROM survey_send
                        WHERE org_id = \(tx.org) AND kind = 'check_up' AND answered_at <= \(now)
                          AND (\(only)::uuid IS NULL OR customer_id = \(only))
                        GROUP BY customer_id
                    ) a ON a.customer_id = s.customer_id
                    WHERE s.org_id = \(tx.org) AND s.kind = 'check_up' AND s.sent_at <= \(now)
                      AND s.sent_at > \(now)::timestamptz - interval '6 months'
                      AND (\(only)::uuid IS NULL OR s.customer_id = \(only))
                    GROUP BY s.customer_id
                    """))
            case .goalSheetProgress:
                // The progress of the agreed goal sheet of each customer's running program. Worked out by the Domain
                // (GoalSheetProgress) rather than in SQL, then handed back as rows so it joins the batch like the others.
                let progress = try await GoalSheetRepository.progressByCustomer(tx, only: only).sorted { $0.key.uuidString < $1.key.uuidString }
                statements.append((signal.kind, """
                    SELECT p.customer_id, p.value FROM unnest(\(progress.map(\.key))::uuid[], \(progress.map(\.value))::float8[])
                        AS p(customer_id, value)
                    """))
            }
        }
        guard !statements.isEmpty else { return [:] }
        let results = try await tx.batch(statements.map(\.1))
        var inputs: [UUID: [HealthSignalKind: Double]] = [:]
        for ((kind, _), result) in zip(statements, results) {
            for (customer, value) in try result.decode((UUID, Double).self) where value.isFinite {
                inputs[customer, default: [:]][kind] = value
            }
        }
        return inputs
    }
}
