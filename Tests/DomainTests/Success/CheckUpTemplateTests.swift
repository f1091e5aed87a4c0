import Domain
import Foundation
import Testing

/// Check-up questionnaires and the answers a contact submits through their link.
@Suite struct CheckUpTemplateTests {
    let satisfaction = CheckUpQuestion(id: UUID(), kind: .scale(min: 1, max: 5), wording: CheckUpText(ja: "満足度は?", en: "How satisfied are you?"))
    let topic = CheckUpQuestion(id: UUID(), kind: .choice(options: [CheckUpText(ja: "予算", en: "Budget"), CheckUpText(ja: "実績", en: "Actuals")]),
                                wording: CheckUpText(ja: "関心のあるテーマ", en: "Topic of interest"), required: false)
    let comment = CheckUpQuestion(id: UUID(), kind: .freeText, wording: CheckUpText(ja: "ご意見", en: "Comments"), required: false)

    var template: CheckUpTemplate {
        CheckUpTemplate(id: UUID(), name: "定期検診", questions: [satisfaction, topic, comment], createdAt: successInstant(), updatedAt: successInstant())
    }

    func field(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return (error as? DomainError)?.field ?? "?" }
    }

    @Test func questionsAreValidatedInBothLanguages() throws {
        #expect(try template.validated().questions.count == 3)
        var noEnglish = template
        noEnglish.questions[0].wording.en = " "
        #expect(field { try noEnglish.validated() } == "questions[0].wording.en")
        var wideScale = template
        wideScale.questions[0].kind = .scale(min: 0, max: 11)
        #expect(field { try wideScale.validated() } == "questions[0].max")
        var flat = template
        flat.questions[0].kind = .scale(min: 3, max: 3)
        #expect(field { try flat.validated() } == "questions[0].max")
        var lonely = template
        lonely.questions[1].kind = .choice(options: [CheckUpText(ja: "予算", en: "Budget")])
        #expect(field { try lonely.validated() } == "questions[1].options")
        var twins = template
        twins.questions[1].kind = .choice(options: [CheckUpText(ja: "予算", en: "Budget"), CheckUpText(ja: "予算", en: "Budgets")])
        #expect(field { try twins.validated() } == "questions[1].options")
        var blankOption = template
        blankOption.questions[1].kind = .choice(options: [CheckUpText(ja: "予算", en: "Budget"), CheckUpText(ja: "", en: "Other")])
        #expect(field { try blankOption.validated() } == "questions[1].options[1].ja")
        var empty = template
        empty.questions = []
        #expect(field { try empty.validated() } == "questions")
        var twice = template
        twice.questions.append(satisfaction)
        #expect(field { try twice.validated() } == "questions")
        #expect(CheckUpText(ja: "はい", en: "Yes").text(.en) == "Yes")
    }

    @Test func answersAreCheckedAgainstTheQuestions() throws {
        let key = { (question: CheckUpQuestion) in "answers.\(question.id.uuidString.lowercased())" }
        let kept = try template.validate(answers: [
            CheckUpAnswer(questionID: comment.id, value: .text("  とても良い  ")),
            CheckUpAnswer(questionID: satisfaction.id, value: .scale(4)),
        ])
        #expect(kept == [CheckUpAnswer(questionID: satisfaction.id, value: .scale(4)), CheckUpAnswer(questionID: comment.id, value: .text("とても良い"))],
                "in question order, trimmed")
        #expect(field { try template.validate(answers: []) } == key(satisfaction), "required")
        #expect(field { try template.validate(answers: [CheckUpAnswer(questionID: satisfaction.id, value: .scale(6))]) } == key(satisfaction))
        #expect(field { try template.validate(answers: [CheckUpAnswer(questionID: satisfaction.id, value: .choice(1))]) } == key(satisfaction))
        #expect(field {
            try template.validate(answers: [CheckUpAnswer(questionID: satisfaction.id, value: .scale(3)), CheckUpAnswer(questionID: topic.id, value: .choice(2))])
        } == key(topic))
        #expect(field {
            try template.validate(answers: [CheckUpAnswer(questionID: satisfaction.id, value: .scale(3)), CheckUpAnswer(questionID: satisfaction.id, value: .scale(2))])
        } == key(satisfaction), "one answer per question")
        let stranger = UUID()
        #expect(field { try template.validate(answers: [CheckUpAnswer(questionID: stranger, value: .scale(3))]) } == "answers.\(stranger.uuidString.lowercased())")
        let blank = try template.validate(answers: [CheckUpAnswer(questionID: satisfaction.id, value: .scale(5)), CheckUpAnswer(questionID: comment.id, value: .text(" "))])
        #expect(blank.count == 1, "empty free text is no answer")
    }

    @Test func scaleAnswersScoreForHealth() throws {
        let nps = CheckUpQuestion(id: UUID(), kind: .scale(min: 0, max: 10), wording: CheckUpText(ja: "推奨度", en: "Recommend"))
        var withNPS = template
        withNPS.questions.append(nps)
        #expect(withNPS.score([CheckUpAnswer(questionID: satisfaction.id, value: .scale(4)), CheckUpAnswer(questionID: nps.id, value: .scale(10))]) == 87.5)
        #expect(withNPS.score([CheckUpAnswer(questionID: topic.id, value: .choice(0))]) == nil, "choices carry no order")
        let json = try JSONEncoder().encode([CheckUpAnswer.Value.scale(3), .choice(1), .text("x")])
        #expect(String(decoding: json, as: UTF8.self) == #"[{"scale":3},{"choice":1},{"text":"x"}]"#)
        #expect(try JSONDecoder().decode([CheckUpAnswer.Value].self, from: json) == [.scale(3), .choice(1), .text("x")])
        let question = try JSONDecoder().decode(CheckUpQuestion.Kind.self, from: Data(#"{"type":"scale","min":1,"max":5}"#.utf8))
        #expect(question == .scale(min: 1, max: 5))
    }
}
