public import Foundation

/// One party's agreement to one version of a goal sheet: who, when, which version. Agreements are never removed —
/// after an edit the old ones stay as history and simply no longer count (``GoalSheet/isAgreed``).
public struct GoalSheetAgreement: Sendable, Equatable, Codable {
    public var party: GoalSheetParty
    /// The member (CSM) or the customer's contact (owner, decision maker) who agreed.
    public var personID: UUID
    public var agreedAt: Date
    public var sheetVersion: Int

    public init(party: GoalSheetParty, personID: UUID, agreedAt: Date, sheetVersion: Int) {
        (self.party, self.personID, self.agreedAt, self.sheetVersion) = (party, personID, agreedAt, sheetVersion)
    }
}
