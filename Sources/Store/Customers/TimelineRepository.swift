public import Database
public import Domain
public import Foundation

/// A customer's timeline. Every insert computes the entry's search grams (``SearchGrams``), so search finds it.
public enum TimelineRepository {
    /// An entry the system writes (a phase change, an owner change, an NPS answer, a ticket event, a health change):
    /// no author unless a person's action caused it. Also moves the customer's last touch forward for the kinds
    /// that are a touch.
    @discardableResult
    public static func insertSystem(
        _ tx: TenantTransaction, customer: UUID, kind: String, title: String, body: String? = nil, author: UUID? = nil,
        at: Date, subjectType: String? = nil, subjectID: UUID? = nil
    ) async throws -> UUID {
        let id = UUID.v7()
        let grams = SearchGrams.grams(of: title + " " + (body ?? ""))
        _ = try await tx.execute(
            """
            INSERT INTO timeline_entry (org_id, id, customer_id, kind, author_id, occurred_at, title, body, subject_type,
                subject_id, search_grams)
            VALUES (\(tx.org), \(id), \(customer), \(kind), \(author), \(at), \(String(title.prefix(500))), \(body),
                \(subjectType), \(subjectID), \(grams))
            """)
        return id
    }
}
