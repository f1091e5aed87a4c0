public import Foundation

/// A contact's answer to one question of a check-up.
public struct CheckUpAnswer: Sendable, Equatable, Codable {
    public enum Value: Sendable, Equatable, Codable {
        case scale(Int)
        /// The index of the chosen option, so renaming an option's wording keeps old answers meaningful.
        case choice(Int)
        case text(String)

        private enum Key: String, CodingKey { case scale, choice, text }

        /// `{"scale": 4}`, `{"choice": 1}` or `{"text": "…"}`: one key naming the kind.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            if let value = try c.decodeIfPresent(Int.self, forKey: .scale) {
                self = .scale(value)
            } else if let index = try c.decodeIfPresent(Int.self, forKey: .choice) {
                self = .choice(index)
            } else if let text = try c.decodeIfPresent(String.self, forKey: .text) {
                self = .text(text)
            } else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an answer is scale, choice or text"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            switch self {
            case .scale(let value): try c.encode(value, forKey: .scale)
            case .choice(let index): try c.encode(index, forKey: .choice)
            case .text(let text): try c.encode(text, forKey: .text)
            }
        }
    }

    public var questionID: UUID
    public var value: Value

    public init(questionID: UUID, value: Value) { (self.questionID, self.value) = (questionID, value) }
}
