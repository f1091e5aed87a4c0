public import Domain
public import Foundation
public import Store

/// A transfer of work as the API answers with it and its audit entry records it.
public struct TransferDTO: Codable, Sendable {
    public var id: UUID
    public var fromMemberID: UUID
    public var toMemberID: UUID
    public var byMemberID: UUID
    public var goalIds: [UUID]
    public var checkInIds: [UUID]
    public var accountabilityIds: [UUID]
    /// The customers the leaver owned, now owned by the successor (their owner history says since when).
    public var customerIds: [UUID]
    public var note: String?
    public var createdAt: Date
    public init(_ t: WorkTransferRepository.Record) {
        (id, fromMemberID, toMemberID, byMemberID) = (t.id, t.fromMemberID, t.toMemberID, t.byMemberID)
        (goalIds, checkInIds, accountabilityIds, note, createdAt) = (t.goalIDs, t.checkInIDs, t.accountabilityIDs, t.note, t.createdAt)
        customerIds = t.customerIDs
    }
}
