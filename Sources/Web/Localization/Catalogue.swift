import Logging
import Settings
import Foundation
/// Every string a page shows, per language. Templates read them as `{{t.key}}`; Swift fills placeholders
/// (`{name}`) with ``format(_:_:)``. A test fails when a key is missing in either language or a template names a
/// key neither has.
struct Catalogue: Sendable {
    let language: Language
    let strings: [String: String]

    init(_ language: Language) {
        self.language = language
        strings = language == .ja ? Self.japanese : Self.english
    }

    subscript(_ key: String) -> String {
        // A missing key shows itself rather than an empty space, and the catalogue test keeps this from shipping.
        strings[key] ?? key
    }

    /// The string for `key` with each `{name}` replaced by its value.
    func format(_ key: String, _ values: [String: String]) -> String {
        var text = self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
