import Foundation
import HTTPTypes

/// U+0000 in any text a client sends is refused as bad input (422 `invalid_text`, naming the field): PostgreSQL's
/// `text` cannot hold it, so letting it through turns a typo or a fuzzer's probe into a 500. Checked in one place
/// for bodies (``Request/decodeJSONKeepingBody(as:context:)``) and one for the URI (``NULCharacterMiddleware``).
enum NULCharacter {
    static func problem(field: String) -> Problem {
        Problem(
            status: .unprocessableContent, code: "invalid_text", detail: "\(field) contains U+0000, which text may not hold",
            fields: [.init(field: field, code: "invalid_text", message: "U+0000 is not allowed")])
    }

    /// The field (in the API's dotted form) of the first string in a JSON body that holds U+0000, if any. The
    /// body is parsed a second time only when its bytes hold the escape `\u0000` at all: the common case costs a scan.
    static func field(inJSON data: Data) -> String? {
        guard data.range(of: Data(#"\u0000"#.utf8)) != nil || data.range(of: Data(#"\U0000"#.utf8)) != nil,
              let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        return field(in: value, at: "")
    }

    private static func field(in value: Any, at path: String) -> String? {
        switch value {
        case let text as String:
            return text.unicodeScalars.contains("\u{0}") ? (path.isEmpty ? "body" : path) : nil
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                if key.unicodeScalars.contains("\u{0}") { return path.isEmpty ? "body" : path }
                if let found = field(in: object[key]!, at: here) { return found }
            }
            return nil
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = field(in: element, at: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
