public import Foundation

/// One question of a check-up questionnaire: a scale (how satisfied, 1–5), a choice among options, or free text.
public struct CheckUpQuestion: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        case scale(min: Int, max: Int)
        case choice(options: [CheckUpText])
        case freeText

        private enum Key: String, CodingKey { case type, min, max, options }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            switch try c.decode(String.self, forKey: .type) {
            case "scale": self = .scale(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max))
            case "choice": self = .choice(options: try c.decode([CheckUpText].self, forKey: .options))
            case "free_text": self = .freeText
            default: throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "type is scale, choice or free_text")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .scale(let min, let max):
                try c.encode("scale", forKey: .type)
                try c.encode(min, forKey: .min)
                try c.encode(max, forKey: .max)
            case .choice(let options):
                try c.encode("choice", forKey: .type)
                try c.encode(options, forKey: .options)
            case .freeText: try c.encode("free_text", forKey: .type)
            }
        }
    }

    public var id: UUID
    public var kind: Kind
    public var wording: CheckUpText
    public var required: Bool

    public init(id: UUID, kind: Kind, wording: CheckUpText, required: Bool = true) {
        (self.id, self.kind, self.wording, self.required) = (id, kind, wording, required)
    }

    /// Checks the question at `field` (`questions[3]`). A scale lies within 0–10 with at least two points — the
    /// span of an NPS question, and anything wider cannot be shown as buttons on a phone. A choice has 2–20
    /// distinct options.
    public func validated(field: String) throws -> CheckUpQuestion {
        var copy = self
        copy.wording = try wording.validated(field: "\(field).wording")
        switch kind {
        case .scale(let min, let max):
            guard (0...10).contains(min), (0...10).contains(max), min < max else {
                throw DomainError(.invalid, "a scale runs from min to a larger max within 0–10", field: "\(field).max")
            }
        case .choice(let options):
            guard (2...20).contains(options.count) else { throw DomainError(.invalid, "a choice has 2 to 20 options", field: "\(field).options") }
            let checked = try options.enumerated().map { try $0.element.validated(field: "\(field).options[\($0.offset)]", limit: 200) }
            guard Set(checked.map(\.ja)).count == checked.count, Set(checked.map(\.en)).count == checked.count else {
                throw DomainError(.invalid, "each option is worded differently", field: "\(field).options")
            }
            copy.kind = .choice(options: checked)
        case .freeText: break
        }
        return copy
    }
}
