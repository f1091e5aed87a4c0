public import Foundation

/// One answer to "how likely are you to recommend us?" (0–10) from a customer's contact (DESIGN §2).
public struct NPSResponse: Sendable, Equatable, Codable {
    /// How the answer reached us.
    public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
        case email, inApp = "in_app", survey, meeting, phone, other
    }

    public var id: UUID
    public var customerID: UUID
    public var contactID: UUID?
    public var externalID: String?
    public var score: Int
    public var comment: String?
    public var respondent: String?
    public var respondedOn: LocalDate
    public var channel: Channel
    public var createdAt: Date

    public init(
        id: UUID, customerID: UUID, contactID: UUID? = nil, externalID: String? = nil, score: Int, comment: String? = nil,
        respondent: String? = nil, respondedOn: LocalDate, channel: Channel = .other, createdAt: Date
    ) {
        (self.id, self.customerID, self.contactID, self.externalID, self.score) = (id, customerID, contactID, externalID, score)
        (self.comment, self.respondent, self.respondedOn, self.channel, self.createdAt) = (comment, respondent, respondedOn, channel, createdAt)
    }

    /// Promoter, passive or detractor.
    public var category: NPS.Category { (try? NPS.category(of: score)) ?? .detractor }

    /// Refuses what the table would, naming the field.
    public static func validate(_ r: NPSResponse) throws {
        _ = try NPS.category(of: r.score)
        if let comment = r.comment, comment.count > 5000 {
            throw DomainError(.invalid, "a comment is at most 5000 characters", field: "comment")
        }
        if let respondent = r.respondent, respondent.count > 200 {
            throw DomainError(.invalid, "a respondent is at most 200 characters", field: "respondent")
        }
        if let external = r.externalID, !(1...200).contains(external.count) {
            throw DomainError(.invalid, "an external id has 1 to 200 characters", field: "external_id")
        }
    }
}

extension NPS {
    /// A tally from counts already made (a report's grouped SQL); negative counts are a programming error.
    public static func tally(promoters: Int, passives: Int, detractors: Int) -> NPS {
        precondition(promoters >= 0 && passives >= 0 && detractors >= 0, "counts are never negative")
        return NPS(promoters: promoters, passives: passives, detractors: detractors)
    }
}
