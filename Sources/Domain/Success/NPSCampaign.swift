public import Foundation

/// An NPS survey campaign: one question (0–10, with a comment) mailed once to the contacts of an audience — the
/// org, a company, a team, optionally one segment — through the same single-use links as check-ups. Its answers
/// become the customers' NPS responses.
public struct NPSCampaign: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable {
        case draft, sent
    }

    public var id: UUID
    public var name: String
    public var question: CheckUpText
    public var companyID: UUID?
    public var teamID: UUID?
    public var segment: String?
    public var recipients: SurveyRecipients
    public var state: State
    public var sentAt: Date?
    public var sentCount: Int
    public var createdBy: UUID?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, name: String, question: CheckUpText, companyID: UUID?, teamID: UUID?, segment: String?,
        recipients: SurveyRecipients, state: State = .draft, sentAt: Date? = nil, sentCount: Int = 0, createdBy: UUID?,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.name, self.question, self.companyID, self.teamID, self.segment) = (id, name, question, companyID, teamID, segment)
        (self.recipients, self.state, self.sentAt, self.sentCount, self.createdBy) = (recipients, state, sentAt, sentCount, createdBy)
        (self.createdAt, self.updatedAt, self.version) = (createdAt, updatedAt, version)
    }

    /// The standard question, in both languages (`{org}` is replaced by the organisation's name when mailed).
    public static let standardQuestion = CheckUpText(
        ja: "{org} を友人や同僚に薦める可能性はどのくらいありますか？", en: "How likely are you to recommend {org} to a friend or colleague?")

    /// Where the campaign's audience lives: its team, else its company, else the whole org.
    public var scope: Scope { teamID.map(Scope.team) ?? companyID.map(Scope.company) ?? .org }

    public func validated() throws -> NPSCampaign {
        var copy = self
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(copy.name.count) else { throw DomainError(.invalid, "a campaign's name is 1 to 120 characters", field: "name") }
        copy.question = try question.validated(field: "question")
        copy.segment = segment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.segment?.isEmpty == true { copy.segment = nil }
        // Code points, as the customer's own segment column counts them.
        guard (copy.segment?.unicodeScalars.count ?? 0) <= 100 else { throw DomainError(.invalid, "a segment is at most 100 characters", field: "segment") }
        return copy
    }
}
