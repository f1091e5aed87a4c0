public import Foundation

/// One check-up sent to one customer contact: the link's life (sent, expires, reminded, answered) and who it
/// counts for in the response rate — the customer's CSM and company at the time of sending, so a later
/// reassignment does not rewrite last quarter's figures.
public struct CheckUpSend: Sendable, Equatable, Codable {
    public var id: UUID
    public var templateID: UUID
    public var customerID: UUID
    public var contactID: UUID
    public var csmID: UUID?
    public var companyID: UUID
    public var sentAt: Date
    /// The calendar month of `sentAt` in the org's time zone: the month the send counts in, even when the answer
    /// comes in the next one.
    public var month: YearMonth
    public var expiresAt: Date
    public var remindedAt: Date?
    public var answeredAt: Date?

    public init(
        id: UUID, templateID: UUID, customerID: UUID, contactID: UUID, csmID: UUID?, companyID: UUID, sentAt: Date, month: YearMonth,
        expiresAt: Date, remindedAt: Date? = nil, answeredAt: Date? = nil
    ) {
        (self.id, self.templateID, self.customerID, self.contactID, self.csmID, self.companyID) = (id, templateID, customerID, contactID, csmID, companyID)
        (self.sentAt, self.month, self.expiresAt, self.remindedAt, self.answeredAt) = (sentAt, month, expiresAt, remindedAt, answeredAt)
    }

    public var isAnswered: Bool { answeredAt != nil }

    /// Whether the link still takes an answer at `now`: not answered (links are single use) and not expired.
    public func isOpen(at now: Date) -> Bool { answeredAt == nil && now < expiresAt }

    /// Whether to remind the contact now (issue 15: after N days, at most once): the link is open, no reminder
    /// went yet, `reminderAfterDays` × 24 h have passed since sending, and the contact can still be mailed
    /// (`reachable`: not opted out, address not bounced). Days are 24-hour spans from the send, so a contact
    /// is never reminded sooner than N full days after the mail reached them.
    public func reminderIsDue(at now: Date, settings: CheckUpSettings, reachable: Bool) -> Bool {
        guard reachable, isOpen(at: now), remindedAt == nil else { return false }
        return now >= sentAt.addingTimeInterval(TimeInterval(settings.reminderAfterDays) * 86_400)
    }
}
