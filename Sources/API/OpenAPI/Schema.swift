/// Shorthands for the JSON Schemas in the OpenAPI document.
enum Schema {
    static let string: JSONValue = ["type": "string"]
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let number: JSONValue = ["type": "number"]
    static let date: JSONValue = ["type": "string", "format": "date"]
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var object) = schema, case .string(let type)? = object["type"] else { return schema }
        object["type"] = [.string(type), "null"]
        return .object(object)
    }
    /// Where a grant or a position applies (`scope_type`, with `scope_id` naming the company or team).
    static let scopeType = enumeration(["org", "company", "team"])
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map(JSONValue.string))] }
    /// A Swift enum's cases, so the document lists exactly what the server accepts and writes.
    static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> JSONValue where E.RawValue == String {
        enumeration(type.allCases.map(\.rawValue))
    }

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }

    static func list(_ item: JSONValue) -> JSONValue {
        object(["items": array(item), "next_cursor": nullable(string)], required: ["items"])
    }

    static func pathID(_ name: String = "id") -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": uuid]
    }

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "schema": schema, "description": .string(description)]
    }

    static let paging: [JSONValue] = [
        query("limit", ["type": "integer", "minimum": 1, "maximum": 200], "page size (default 50)"),
        query("cursor", uuid, "next_cursor of the previous page"),
    ]
}
