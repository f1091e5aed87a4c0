import Foundation

/// A customer's tags as people type them: trimmed, blanks dropped, each kept once in the order first given, at
/// most ``maxCount`` of at most ``maxLength`` characters — so "更新注意 " and "更新注意" are one tag on the list.
public enum CustomerTags {
    public static let maxCount = 20
    public static let maxLength = 50

    /// The normalised tags, or `DomainError(.invalid, field: "tags")`.
    public static func normalise(_ tags: [String]) throws -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for raw in tags {
            let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !tag.isEmpty else { continue }
            guard tag.count <= maxLength else { throw DomainError(.invalid, "a tag is at most 50 characters", field: "tags") }
            if seen.insert(tag).inserted { result.append(tag) }
        }
        guard result.count <= maxCount else { throw DomainError(.invalid, "a customer has at most 20 tags", field: "tags") }
        return result
    }
}
