public import Database
public import Domain
public import Foundation

/// Check-up response rates counted in SQL: sends and answers per (CSM at sending, company at sending, month of
/// sending), one grouped statement served by `survey_send_month_idx`; ``ResponseRateReport`` sums from there.
public enum ResponseRateRepository {
    /// The counts of check-ups sent in `first`…`last` to customers `reach` may read.
    public static func rows(_ tx: TenantTransaction, from first: YearMonth, through last: YearMonth, reach: Reach) async throws
        -> [ResponseRateReport.Row]
    {
        try await tx.query(
            """
            SELECT s.csm_id, s.company_id, s.month, count(*)::int, count(s.answered_at)::int
            FROM survey_send s JOIN customer c ON c.org_id = s.org_id AND c.id = s.customer_id
            WHERE s.org_id = \(tx.org) AND s.kind = 'check_up' AND s.month BETWEEN \(first.firstDay) AND \(last.firstDay)
              AND \(CustomerVisibility.condition(reach, customer: "c"))
            GROUP BY 1, 2, 3
            ORDER BY 3, 2, 1
            """
        ).map { row in
            let (csm, company, month, sent, answered) = try row.decode((UUID?, UUID, LocalDate, Int, Int).self)
            return ResponseRateReport.Row(csmID: csm, companyID: company, month: YearMonth(month), rate: ResponseRate(sent: sent, answered: answered))
        }
    }
}
