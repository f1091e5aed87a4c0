public import Database
public import Domain
public import Foundation

/// An occurrence's agenda items. A generation and a person's edit write only the items they changed
/// (``apply(_:meeting:upserts:deletes:by:)``); people add single items.
public enum AgendaItemRepository {
    /// The reason comes flattened (its code, and its values as two arrays) and the visibility as text: an agenda of a
    /// thousand items read through JSONDecoder spent a third of a regenerate decoding them (the meetings bench's
    /// profile); the arrays decode natively, and the visibilities — a few distinct ones — once each per read.
    static let columns: SQLQuery = """
        a.id, a.section_key, a.position, a.origin, a.touched, a.dismissed, a.subject_type, a.subject_id, a.title, a.reason->>'code',
        (SELECT array_agg(e.key ORDER BY e.key) FROM jsonb_each_text(a.reason->'values') e),
        (SELECT array_agg(e.value ORDER BY e.key) FROM jsonb_each_text(a.reason->'values') e),
        a.visibility::text, a.fingerprint, a.created_by
        """

    /// Visibilities decoded once per distinct JSON text within one read.
    final class Visibilities {
        private var seen: [String: AgendaVisibility] = [:]
        private let decoder = JSONDecoder()

        func decode(_ text: String) throws -> AgendaVisibility {
            if let known = seen[text] { return known }
            let value = try decoder.decode(AgendaVisibility.self, from: Data(text.utf8))
            seen[text] = value
            return value
        }
    }

    /// An item with who added it (`nil` for generated ones).
    public struct Stored: Sendable, Hashable {
        public var item: AgendaItem
        public var createdBy: UUID?
        public init(item: AgendaItem, createdBy: UUID?) { (self.item, self.createdBy) = (item, createdBy) }
    }

    static func decode(_ row: Row, _ visibilities: Visibilities) throws -> Stored {
        var r = RowReader(row)
        let id: UUID = try r.next(), key: String = try r.next(), position: Int = try r.next(), origin: String = try r.next()
        let touched: Bool = try r.next(), dismissed: Bool = try r.next(), subjectType: String? = try r.next(), subjectID: UUID? = try r.next()
        let title: String = try r.next()
        let code: String? = try r.next(), keys: [String]? = try r.next(), values: [String]? = try r.next()
        let reason = code.map { AgendaReason($0, Dictionary(zip(keys ?? [], values ?? []), uniquingKeysWith: { a, _ in a })) }
        let visibility = try visibilities.decode(try r.next(String.self))
        let fingerprint: String? = try r.next(), createdBy: UUID? = try r.next()
        var subject: AgendaSubject?
        if let subjectType, let subjectID, let kind = AgendaSubject.Kind(rawValue: subjectType) { subject = AgendaSubject(kind, subjectID) }
        return Stored(
            item: AgendaItem(
                id: id, sectionKey: key, position: position, origin: AgendaItem.Origin(rawValue: origin) ?? .manual, touched: touched, dismissed: dismissed,
                subject: subject, title: title, reason: reason, visibility: visibility, fingerprint: fingerprint),
            createdBy: createdBy)
    }

    /// The agenda in stored order (section key, then position); the caller orders sections by the template.
    public static func list(_ tx: TenantTransaction, meeting: UUID) async throws -> [Stored] {
        try await tx.query(
            """
            SELECT \(columns) FROM agenda_item a
            WHERE a.org_id = \(tx.org) AND a.meeting_id = \(meeting)
            ORDER BY a.section_key, a.position, a.id
            """
        ).map { [visibilities = Visibilities()] in try decode($0, visibilities) }
    }

    public static func get(_ tx: TenantTransaction, meeting: UUID, id: UUID) async throws -> Stored? {
        let rows = try await tx.query(
            "SELECT \(columns) FROM agenda_item a WHERE a.org_id = \(tx.org) AND a.meeting_id = \(meeting) AND a.id = \(id)")
        return try rows.first.map { try decode($0, Visibilities()) }
    }

    private struct Input: Codable, Sendable {
        var id: UUID
        var section_key: String
        var position: Int
        var origin: String
        var touched: Bool
        var dismissed: Bool
        var subject_type: String?
        var subject_id: UUID?
        var title: String
        var reason: AgendaReason?
        var visibility: AgendaVisibility
        var fingerprint: String?
    }

    /// Writes only what changed: `upserts` added or updated in place, `deletes` removed — a regenerate that finds
    /// the data as it was writes nothing. At most two statements.
    public static func apply(_ tx: TenantTransaction, meeting: UUID, upserts items: [AgendaItem], deletes: [UUID], by author: UUID?) async throws {
        if !deletes.isEmpty {
            try await tx.execute("DELETE FROM agenda_item WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND id = ANY(\(deletes))")
        }
        guard !items.isEmpty else { return }
        let input = items.map {
            Input(id: $0.id, section_key: $0.sectionKey, position: $0.position, origin: $0.origin.rawValue, touched: $0.touched, dismissed: $0.dismissed,
                  subject_type: $0.subject?.kind.rawValue, subject_id: $0.subject?.id, title: $0.title, reason: $0.reason,
                  visibility: $0.visibility, fingerprint: $0.fingerprint)
        }
        try await tx.execute(
            """
            INSERT INTO agenda_item AS a (org_id, id, meeting_id, section_key, position, origin, touched, dismissed, subject_type,
                subject_id, title, reason, visibility, fingerprint, created_by)
            SELECT \(tx.org), r.id, \(meeting), r.section_key, r.position, r.origin, r.touched, r.dismissed, r.subject_type, r.subject_id, r.title,
                r.reason, r.visibility, r.fingerprint, CASE WHEN r.origin = 'manual' THEN \(author)::uuid END
            FROM jsonb_to_recordset(\(JSON(input))::jsonb) AS r(id uuid, section_key text, position integer, origin text,
                touched boolean, dismissed boolean, subject_type text, subject_id uuid, title text, reason jsonb, visibility jsonb, fingerprint text)
            ON CONFLICT (org_id, id) DO UPDATE SET section_key = excluded.section_key, position = excluded.position,
                touched = excluded.touched, dismissed = excluded.dismissed, subject_type = excluded.subject_type, subject_id = excluded.subject_id,
                title = excluded.title, reason = excluded.reason, visibility = excluded.visibility, updated_at = banso_now()
            """)
    }

    /// Adds one item a person wrote at the end of its section.
    public static func insert(_ tx: TenantTransaction, meeting: UUID, _ item: AgendaItem, by author: UUID) async throws -> Stored {
        try await tx.execute(
            """
            INSERT INTO agenda_item AS a (org_id, id, meeting_id, section_key, position, origin, touched, subject_type, subject_id,
                title, reason, visibility, fingerprint, created_by)
            VALUES (\(tx.org), \(item.id), \(meeting), \(item.sectionKey),
                (SELECT coalesce(max(position) + 1, 0) FROM agenda_item
                 WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND section_key = \(item.sectionKey)),
                \(item.origin.rawValue), \(item.touched), \(item.subject?.kind.rawValue), \(item.subject?.id), \(item.title),
                \(item.reason.map(JSON.init)), \(JSON(item.visibility)), \(item.fingerprint), \(author))
            """)
        return try await get(tx, meeting: meeting, id: item.id)!
    }

    public static func delete(_ tx: TenantTransaction, meeting: UUID, id: UUID) async throws {
        try await tx.execute("DELETE FROM agenda_item WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND id = \(id)")
    }
}
