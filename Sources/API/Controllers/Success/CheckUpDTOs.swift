import Domain
import Foundation
import Store
import UseCases

/// A question as the API writes and reads it: flat, with its kind in `type` (`scale` with `min`/`max`, `choice` with
/// `options`, `free_text`), both wordings, and whether an answer is required.
struct CheckUpQuestionDTO: Codable, Sendable {
    var id: UUID?
    var type: String
    var min: Int?
    var max: Int?
    var options: [CheckUpText]?
    var wording: CheckUpText
    var required: Bool?

    init(_ q: CheckUpQuestion) {
        (id, wording, required) = (q.id, q.wording, q.required)
        switch q.kind {
        case .scale(let lo, let hi): (type, min, max) = ("scale", lo, hi)
        case .choice(let choices): (type, options) = ("choice", choices)
        case .freeText: type = "free_text"
        }
    }

    func question(field: String) throws -> CheckUpQuestion {
        let kind: CheckUpQuestion.Kind
        switch type {
        case "scale":
            guard let min, let max else { throw Problem.invalidField("\(field).max", "a scale question needs min and max") }
            kind = .scale(min: min, max: max)
        case "choice": kind = .choice(options: options ?? [])
        case "free_text": kind = .freeText
        default: throw Problem.invalidField("\(field).type", "type is scale, choice or free_text")
        }
        return CheckUpQuestion(id: id ?? .v7(), kind: kind, wording: wording, required: required ?? true)
    }

    static let textSchema = Schema.object(["ja": Schema.string, "en": Schema.string], required: ["ja", "en"])
    static let schema = Schema.object(
        ["id": Schema.uuid, "type": Schema.enumeration(["scale", "choice", "free_text"]), "min": Schema.integer, "max": Schema.integer,
         "options": Schema.array(textSchema), "wording": textSchema, "required": Schema.boolean],
        required: ["type", "wording"])

    static func questions(_ items: [CheckUpQuestionDTO]) throws -> [CheckUpQuestion] {
        try items.enumerated().map { try $0.element.question(field: "questions[\($0.offset)]") }
    }
}

struct CheckUpTemplateDTO: Codable, Sendable, Versioned {
    var id: UUID
    var name: String
    var questions: [CheckUpQuestionDTO]
    var archivedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ t: CheckUpTemplate) {
        (id, name, questions, archivedAt) = (t.id, t.name, t.questions.map(CheckUpQuestionDTO.init), t.archivedAt)
        (createdAt, updatedAt, version) = (t.createdAt, t.updatedAt, t.version)
    }

    static let schema = Schema.of(CheckUpTemplateDTO.self)
}

struct CheckUpSettingsDTO: Codable, Sendable, Versioned {
    var responseRateThresholdPercent: Int
    var reminderAfterDays: Int
    var linkValidDays: Int
    var updatedAt: Date?
    var version: Int

    init(_ v: CheckUpConfiguration.Versioned) {
        (responseRateThresholdPercent, reminderAfterDays, linkValidDays) =
            (v.settings.responseRateThresholdPercent, v.settings.reminderAfterDays, v.settings.linkValidDays)
        (updatedAt, version) = (v.updatedAt, v.version)
    }

    static let schema = Schema.of(CheckUpSettingsDTO.self)
}

struct CheckUpPlanDTO: Codable, Sendable, Versioned {
    var teamId: UUID
    var enabled: Bool
    var templateId: UUID?
    var segment: String?
    var dayOfMonth: Int
    var cadence: String
    var recipients: SurveyRecipients
    var updatedAt: Date?
    var version: Int

    init(_ p: CheckUpPlan) {
        (teamId, enabled, templateId, segment, dayOfMonth) = (p.teamID, p.enabled, p.templateID, p.segment, p.dayOfMonth)
        (cadence, recipients, updatedAt, version) = ("monthly", p.recipients, p.updatedAt, p.version)
    }

    static let schema = Schema.of(CheckUpPlanDTO.self, refining: ["cadence": Schema.enumeration(["monthly"])])
}

/// One check-up or NPS survey sent: to whom, when, whether answered — and the answers, for readers of the customer.
struct CheckUpSendDTO: Codable, Sendable {
    var id: UUID
    var kind: CheckUpSendRecord.Kind
    var status: String
    var customerId: UUID
    var contactId: UUID
    var csmId: UUID?
    var companyId: UUID
    var templateId: UUID?
    var campaignId: UUID?
    var planTeamId: UUID?
    var month: String
    var sentBy: UUID?
    var sentAt: Date
    var expiresAt: Date
    var remindedAt: Date?
    var answeredAt: Date?
    var score: Double?
    var answers: [CheckUpAnswerDTO]?
    var npsResponseId: UUID?

    init(_ s: CheckUpSendRecord, now: Date) {
        (id, kind, customerId, contactId, csmId, companyId) = (s.id, s.kind, s.customerID, s.contactID, s.csmID, s.companyID)
        (templateId, campaignId, planTeamId, month, sentBy) = (s.templateID, s.campaignID, s.planTeamID, s.month.description, s.sentBy)
        (sentAt, expiresAt, remindedAt, answeredAt, score, npsResponseId) = (s.sentAt, s.expiresAt, s.remindedAt, s.answeredAt, s.score, s.npsResponseID)
        status = s.answeredAt != nil ? "answered" : (s.send.isOpen(at: now) ? "open" : "expired")
        answers = s.answers.map { $0.map(CheckUpAnswerDTO.init) }
    }

    static let schema = Schema.of(
        CheckUpSendDTO.self, refining: ["status": Schema.enumeration(["open", "answered", "expired"]), "month": Schema.string])
}

/// An answer: the question and one of `scale`, `choice` (the option's index) or `text`.
struct CheckUpAnswerDTO: Codable, Sendable {
    var questionId: UUID
    var scale: Int?
    var choice: Int?
    var text: String?

    init(_ a: CheckUpAnswer) {
        questionId = a.questionID
        switch a.value {
        case .scale(let v): scale = v
        case .choice(let i): choice = i
        case .text(let t): text = t
        }
    }
}

struct NPSCampaignDTO: Codable, Sendable, Versioned {
    var id: UUID
    var name: String
    var question: CheckUpText
    var companyId: UUID?
    var teamId: UUID?
    var segment: String?
    var recipients: SurveyRecipients
    var state: NPSCampaign.State
    var sentAt: Date?
    var sentCount: Int
    var createdBy: UUID?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ c: NPSCampaign) {
        (id, name, question, companyId, teamId, segment, recipients) = (c.id, c.name, c.question, c.companyID, c.teamID, c.segment, c.recipients)
        (state, sentAt, sentCount, createdBy, createdAt, updatedAt, version) =
            (c.state, c.sentAt, c.sentCount, c.createdBy, c.createdAt, c.updatedAt, c.version)
    }

    static let schema = Schema.of(NPSCampaignDTO.self)
}

struct ContactMailStateDTO: Codable, Sendable {
    var contactId: UUID
    /// Whether Banso may mail the contact now (not opted out, not bounced).
    var mailable: Bool
    var optedOutAt: Date?
    var bouncedAt: Date?
    var bounceReason: String?

    init(_ s: ContactMailStateRepository.State) {
        (contactId, optedOutAt, bouncedAt, bounceReason) = (s.contactID, s.optedOutAt, s.bouncedAt, s.bounceReason)
        mailable = s.optedOutAt == nil && s.bouncedAt == nil
    }

    static let schema = Schema.of(ContactMailStateDTO.self)
}
