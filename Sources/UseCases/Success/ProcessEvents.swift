import Foundation

/// The `data` of the process webhooks: a flat JSON object of strings, written with the API's JSON conventions.
enum ProcessEvents {
    static func data(_ fields: [String: String]) throws -> String {
        try Audit.json(fields) ?? "{}"
    }
}
