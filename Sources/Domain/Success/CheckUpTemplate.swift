public import Foundation

/// An org's check-up (定期検診) questionnaire: the questions a customer contact answers through their link.
public struct CheckUpTemplate: Sendable, Equatable, Codable {
    public var id: UUID
    public var name: String
    public var questions: [CheckUpQuestion]
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(id: UUID, name: String, questions: [CheckUpQuestion], archivedAt: Date? = nil, createdAt: Date, updatedAt: Date, version: Int = 1) {
        (self.id, self.name, self.questions, self.archivedAt, self.createdAt, self.updatedAt, self.version) =
            (id, name, questions, archivedAt, createdAt, updatedAt, version)
    }

    /// Checks what a person typed, naming the first offending field. 1–30 questions: seed 002's check-up failed at
    /// a 20 % response rate, and every question more costs answers.
    public func validated() throws -> CheckUpTemplate {
        var copy = self
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...120).contains(copy.name.count) else { throw DomainError(.invalid, "a questionnaire's name is 1 to 120 characters", field: "name") }
        guard (1...30).contains(questions.count) else { throw DomainError(.invalid, "a questionnaire has 1 to 30 questions", field: "questions") }
        copy.questions = try questions.enumerated().map { try $0.element.validated(field: "questions[\($0.offset)]") }
        guard Set(questions.map(\.id)).count == questions.count else { throw DomainError(.invalid, "each question appears once", field: "questions") }
        return copy
    }

    /// Checks a submitted form against the questions: every answer to a question of this template, of its kind
    /// and in range, at most one per question, every required question answered. Free text is trimmed; an empty
    /// one is no answer. The error's field is `answers.<question id>`, for the form to mark.
    public func validate(answers: [CheckUpAnswer]) throws -> [CheckUpAnswer] {
        var byQuestion: [UUID: CheckUpAnswer] = [:]
        for answer in answers {
            let field = "answers.\(answer.questionID.uuidString.lowercased())"
            guard let question = questions.first(where: { $0.id == answer.questionID }) else {
                throw DomainError(.invalid, "no such question in this check-up", field: field)
            }
            guard byQuestion[answer.questionID] == nil else { throw DomainError(.invalid, "one answer per question", field: field) }
            var kept = answer
            switch (question.kind, answer.value) {
            case (.scale(let min, let max), .scale(let value)):
                guard (min...max).contains(value) else { throw DomainError(.invalid, "choose \(min) to \(max)", field: field) }
            case (.choice(let options), .choice(let index)):
                guard options.indices.contains(index) else { throw DomainError(.invalid, "choose one of the options", field: field) }
            case (.freeText, .text(let text)):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard trimmed.count <= 5000 else { throw DomainError(.invalid, "at most 5000 characters", field: field) }
                if trimmed.isEmpty { continue }
                kept.value = .text(trimmed)
            default:
                throw DomainError(.invalid, "this answer does not fit the question", field: field)
            }
            byQuestion[answer.questionID] = kept
        }
        if let unanswered = questions.first(where: { $0.required && byQuestion[$0.id] == nil }) {
            throw DomainError(.missing, "please answer this question", field: "answers.\(unanswered.id.uuidString.lowercased())")
        }
        return questions.compactMap { byQuestion[$0.id] }
    }

    /// The answers as a 0–100 score for the health signal `check_up_answers`: the mean of the scale answers, each
    /// placed on 0–100 between its scale's ends. Choices and free text carry no order, so they do not count;
    /// `nil` when no scale question was answered.
    public func score(_ answers: [CheckUpAnswer]) -> Double? {
        var points: [Double] = []
        for answer in answers {
            guard case .scale(let value) = answer.value, let question = questions.first(where: { $0.id == answer.questionID }),
                  case .scale(let min, let max) = question.kind, max > min else { continue }
            points.append(Double(value - min) / Double(max - min) * 100)
        }
        return points.isEmpty ? nil : points.reduce(0, +) / Double(points.count)
    }
}
