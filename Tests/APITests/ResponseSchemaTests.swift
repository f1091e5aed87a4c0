import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Sample answers of every readable resource validate against the schema the document gives them: the document
/// tells the truth about what the server writes, not only about what it reads.
@Suite struct ResponseSchemaTests {
    @Test func everyGetAnswerMatchesItsDocumentedSchema() async throws {
        try await withTenants { client, a, _, _ in
            // Something of each kind to read: the walk-through's goal tree, the owner's tokens, grants and audit.
            let tree = try await SampleTree.make(client, a)
            let goalID = tree.grr
            var ids: [String: String] = ["goal": goalID, "member": a.owner.uuidString.lowercased(),
                                         "company": a.smb.uuidString.lowercased(), "team": a.smbTeam.uuidString.lowercased()]
            for (kind, list) in [("token", "/v1/tokens"), ("grant", "/v1/grants"), ("audit", "/v1/audit")] {
                ids[kind] = (try await client.call(.get, list, token: a.ownerToken).body["items"] as? [[String: Any]])?.first?["id"] as? String
            }
            let document = OpenAPIDocument.build(operations: APIRoutes.operations)
            var checked = 0
            for operation in APIRoutes.operations where operation.method == "GET" && operation.path.hasPrefix("/v1/") {
                guard let (_, schema) = operation.responses[200], let schema else { continue }
                var path = operation.path
                if path.contains("{") {
                    // Only routes whose one id we hold: /v1/<kind>s/{id}.
                    let parts = path.split(separator: "/")
                    guard parts.count == 3, parts[2] == "{id}", let id = ids[String(parts[1].dropLast())] else { continue }
                    path = "/v1/\(parts[1])/\(id)"
                }
                let answer = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(a.ownerToken)"]) {
                    ($0.status, Data($0.body.readableBytesView))
                }
                guard answer.0 == .ok, answer.1.first == UInt8(ascii: "{") || answer.1.first == UInt8(ascii: "[") else { continue }
                let value = try JSONDecoder().decode(JSONValue.self, from: answer.1)
                let errors = JSONSchemaValidator.errors(value, against: Self.closed(schema), components: document["components"])
                #expect(errors.isEmpty, "\(operation.operationID) \(path): \(errors.prefix(5))")
                checked += 1
            }
            #expect(checked >= 20, "answers checked: \(checked)")
        }
    }

    /// The schema with every object closed (`additionalProperties: false`): a field the server writes but the
    /// document does not name is drift too.
    static func closed(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .object(var object):
            for (key, value) in object where key != "enum" && key != "const" { object[key] = closed(value) }
            if object["properties"] != nil, object["additionalProperties"] == nil { object["additionalProperties"] = false }
            return .object(object)
        case .array(let items): return .array(items.map(closed))
        default: return schema
        }
    }
}
