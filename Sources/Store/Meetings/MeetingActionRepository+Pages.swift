public import Database
public import Foundation

extension MeetingActionRepository {
    /// For the accountabilities page: each action's title and the occurrence it was agreed at, so an accountability
    /// born of a meeting links back to that meeting. One query for the whole list.
    public static func meetingLinks(_ tx: TenantTransaction, ids: [UUID]) async throws -> [UUID: (title: String, meetingID: UUID)] {
        guard !ids.isEmpty else { return [:] }
        var links: [UUID: (title: String, meetingID: UUID)] = [:]
        for row in try await tx.query("SELECT id, title, meeting_id FROM meeting_action WHERE org_id = \(tx.org) AND id = ANY(\(ids))") {
            let (id, title, meeting) = try row.decode((UUID, String, UUID).self)
            links[id] = (title, meeting)
        }
        return links
    }
}
