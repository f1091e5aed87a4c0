public import Foundation

/// A custom field an org defines for its customers (顧客の項目): typed, labelled in both languages, kept in order.
/// Values live on the customer under the field's `key`.
public struct CustomerField: Sendable, Equatable, Codable {
    public enum FieldType: String, Sendable, Codable, CaseIterable {
        case text, number, date, boolean, choice
    }

    public var id: UUID
    public var key: String
    public var labelJa: String
    public var labelEn: String
    public var type: FieldType
    public var choices: [String]
    public var position: Int
    public var archivedAt: Date?
    public var createdAt: Date
    public var version: Int

    public init(
        id: UUID, key: String, labelJa: String, labelEn: String, type: FieldType, choices: [String], position: Int,
        archivedAt: Date?, createdAt: Date, version: Int
    ) {
        (self.id, self.key, self.labelJa, self.labelEn, self.type, self.choices) = (id, key, labelJa, labelEn, type, choices)
        (self.position, self.archivedAt, self.createdAt, self.version) = (position, archivedAt, createdAt, version)
    }

    /// A key: a lower-case letter, then letters, digits or underscores, 40 at most (it is a JSON key in exports).
    public static func validKey(_ key: String) -> Bool {
        key.wholeMatch(of: /[a-z][a-z0-9_]{0,39}/) != nil
    }

    /// A label: 1 to 100 characters once trimmed.
    public static func label(_ text: String, field: String) throws -> String {
        let label = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(label.count) else { throw DomainError(.invalid, "a label has 1 to 100 characters", field: field) }
        return label
    }

    /// A choice field's choices: trimmed, each once, 1 to 100 of 1 to 100 characters; other types have none.
    public static func choices(_ given: [String], for type: FieldType) throws -> [String] {
        guard type == .choice else {
            guard given.isEmpty else { throw DomainError(.invalid, "only a choice field has choices", field: "choices") }
            return []
        }
        var seen = Set<String>()
        var result: [String] = []
        for raw in given {
            let choice = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...100).contains(choice.count) else {
                throw DomainError(.invalid, "a choice has 1 to 100 characters", field: "choices")
            }
            if seen.insert(choice).inserted { result.append(choice) }
        }
        guard (1...100).contains(result.count) else {
            throw DomainError(.invalid, "a choice field has 1 to 100 choices", field: "choices")
        }
        return result
    }

    /// A value given for this field, as the field's type keeps it; `DomainError(.invalid, field: "custom.<key>")`
    /// when it does not fit. (JSON cannot tell a date from text: a text field keeps "2026-04-01" as text.)
    public func coerce(_ value: CustomFieldValue) throws -> CustomFieldValue {
        let field = "custom.\(key)"
        switch (type, value) {
        case (.text, .text(let text)):
            guard text.count <= 2000 else { throw DomainError(.invalid, "a text value is at most 2000 characters", field: field) }
            return .text(text)
        case (.text, .date(let day)): return .text(day.description)
        case (.number, .number(let number)):
            guard number.isFinite else { throw DomainError(.invalid, "the value must be a number", field: field) }
            return value
        case (.date, .date): return value
        case (.boolean, .boolean): return value
        case (.choice, .text(let text)):
            guard choices.contains(text) else { throw DomainError(.invalid, "the value is not one of the field's choices", field: field) }
            return value
        case (.number, _): throw DomainError(.invalid, "the value must be a number", field: field)
        case (.date, _): throw DomainError(.invalid, "the value must be a date (YYYY-MM-DD)", field: field)
        case (.boolean, _): throw DomainError(.invalid, "the value must be true or false", field: field)
        case (.text, _), (.choice, _): throw DomainError(.invalid, "the value must be text", field: field)
        }
    }

    /// `current` with `changes` applied — a nil value removes the key — each value checked against the org's live
    /// fields. An unknown or archived key is refused naming it (`custom.<key>`); values already stored under an
    /// archived field are kept untouched.
    public static func apply(
        _ changes: [String: CustomFieldValue?], to current: [String: CustomFieldValue], fields: [CustomerField]
    ) throws -> [String: CustomFieldValue] {
        let live = Dictionary(fields.filter { $0.archivedAt == nil }.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var result = current
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            guard let field = live[key] else { throw DomainError(.invalid, "no such custom field", field: "custom.\(key)") }
            if let value { result[key] = try field.coerce(value) } else { result[key] = nil }
        }
        return result
    }
}
