public import Database
public import Domain
public import Foundation

/// A participant's private notes on an occurrence. Row-level security admits a row only to a transaction opened
/// for that member (`Store.tenant(org, member:)`), so this repository cannot read anyone else's note even if asked.
public enum MeetingNoteRepository {
    public struct Note: Sendable, Hashable {
        public var body: String
        public var updatedAt: Date
        public var version: Int
    }

    public static func get(_ tx: TenantTransaction, meeting: UUID, member: UUID) async throws -> Note? {
        let rows = try await tx.query(
            """
            SELECT body, updated_at, version FROM meeting_note
            WHERE org_id = \(tx.org) AND meeting_id = \(meeting) AND member_id = \(member)
            """)
        return try rows.first.map { row in
            var r = RowReader(row)
            return Note(body: try r.next(), updatedAt: try r.next(), version: try r.next())
        }
    }

    /// Writes the note if its version is still `expectedVersion` (`nil`: no note yet, or don't check); `nil` when
    /// another tab saved first.
    public static func save(
        _ tx: TenantTransaction, meeting: UUID, member: UUID, body: String, expectedVersion: Int?
    ) async throws -> Note? {
        let rows = try await tx.query(
            """
            INSERT INTO meeting_note AS n (org_id, meeting_id, member_id, body) VALUES (\(tx.org), \(meeting), \(member), \(body))
            ON CONFLICT (org_id, meeting_id, member_id) DO UPDATE SET body = excluded.body, updated_at = banso_now(),
                version = n.version + 1
            WHERE \(expectedVersion)::integer IS NULL OR n.version = \(expectedVersion)
            RETURNING body, updated_at, version
            """)
        return try rows.first.map { row in
            var r = RowReader(row)
            return Note(body: try r.next(), updatedAt: try r.next(), version: try r.next())
        }
    }
}
