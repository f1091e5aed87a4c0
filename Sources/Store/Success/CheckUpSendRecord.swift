public import Database
public import Domain
public import Foundation

/// One questionnaire mailed to one contact, as stored: a check-up (from a team's plan or sent by hand) or an NPS
/// campaign's survey, with its answers once given. Never its links: only their hashes are kept.
public struct CheckUpSendRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable, TextColumn {
        case checkUp = "check_up"
        case nps
    }

    public var id: UUID
    public var kind: Kind
    /// The team whose plan sent it; `nil` when sent by hand or by a campaign.
    public var planTeamID: UUID?
    public var campaignID: UUID?
    public var templateID: UUID?
    public var customerID: UUID
    public var contactID: UUID
    public var csmID: UUID?
    public var companyID: UUID
    public var month: YearMonth
    public var sentBy: UUID?
    public var sentAt: Date
    public var expiresAt: Date
    public var remindedAt: Date?
    public var answeredAt: Date?
    public var answers: [CheckUpAnswer]?
    public var score: Double?
    public var npsResponseID: UUID?

    public init(
        id: UUID, kind: Kind, planTeamID: UUID?, campaignID: UUID?, templateID: UUID?, customerID: UUID, contactID: UUID, csmID: UUID?,
        companyID: UUID, month: YearMonth, sentBy: UUID?, sentAt: Date, expiresAt: Date, remindedAt: Date? = nil, answeredAt: Date? = nil,
        answers: [CheckUpAnswer]? = nil, score: Double? = nil, npsResponseID: UUID? = nil
    ) {
        (self.id, self.kind, self.planTeamID, self.campaignID, self.templateID) = (id, kind, planTeamID, campaignID, templateID)
        (self.customerID, self.contactID, self.csmID, self.companyID, self.month) = (customerID, contactID, csmID, companyID, month)
        (self.sentBy, self.sentAt, self.expiresAt, self.remindedAt, self.answeredAt) = (sentBy, sentAt, expiresAt, remindedAt, answeredAt)
        (self.answers, self.score, self.npsResponseID) = (answers, score, npsResponseID)
    }

    /// The Domain's view of the send, for its rules (open, reminder due). An NPS survey has no template; its
    /// campaign stands in, which those rules do not look at.
    public var send: CheckUpSend {
        CheckUpSend(
            id: id, templateID: templateID ?? campaignID ?? id, customerID: customerID, contactID: contactID, csmID: csmID,
            companyID: companyID, sentAt: sentAt, month: month, expiresAt: expiresAt, remindedAt: remindedAt, answeredAt: answeredAt)
    }
}
