import Foundation

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`.
public enum OpenAPIDocument {
    public static func build(operations: [OpenAPIOperation], version: String = BansoVersion.current) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for operation in operations {
            var item: [String: JSONValue] = [:]
            if case .object(let existing) = paths[operation.path] ?? .null { item = existing }
            var responses: [String: JSONValue] = [:]
            for (status, (description, schema)) in operation.responses {
                var response: [String: JSONValue] = ["description": .string(description)]
                if let schema {
                    response["content"] = ["application/json": ["schema": schema]]
                }
                responses[String(status)] = .object(response)
            }
            var problemStatuses = Set(operation.problems).union([500, 503])
            if operation.requiresAuth { problemStatuses.formUnion([401, 403]) }
            if operation.requestBody != nil { problemStatuses.formUnion([400, 413, 422]) }
            // A bad query parameter (limit, cursor, an id, a date) or U+0000 in one is 422; a path that names nothing is 404.
            let places = Set(operation.parameters.compactMap { parameter -> String? in
                if case .string(let place)? = parameter["in"] { return place }
                return nil
            })
            if places.contains("query") || places.contains("path") { problemStatuses.insert(422) }
            if places.contains("path") { problemStatuses.insert(404) }
            for status in problemStatuses.sorted() where responses[String(status)] == nil {
                responses[String(status)] = [
                    "description": .string(HTTPStatusText.text(status)),
                    "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                ]
            }
            var entry: [String: JSONValue] = [
                "operationId": .string(operation.operationID),
                "summary": .string(operation.summary),
                "tags": [.string(operation.tag)],
                "responses": .object(responses),
            ]
            if !operation.parameters.isEmpty { entry["parameters"] = .array(operation.parameters) }
            if let body = operation.requestBody {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
            }
            entry["security"] = operation.requiresAuth ? [["bearerAuth": []]] : []
            // What an API token must carry to call it; sessions carry their member's roles.
            if let scope = operation.tokenScope { entry["x-token-scope"] = .string(scope) }
            item[operation.method.lowercased()] = .object(entry)
            paths[operation.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Banso API",
                "version": .string(version),
                "description": "Banso (伴走) runs a customer-success organisation's operating rhythm. JSON under /v1, snake_case fields, RFC 3339 times; errors are RFC 9457 problem details with a machine-readable code.",
            ],
            "paths": .object(paths),
            "components": [
                "securitySchemes": [
                    "bearerAuth": ["type": "http", "scheme": "bearer", "description": "A session token or an API token"]
                ],
                "schemas": ["Problem": problemSchema],
            ],
        ]
    }

    static let problemSchema: JSONValue = [
        "type": "object",
        "required": ["type", "title", "status", "code", "detail"],
        "properties": [
            "type": ["type": "string", "description": "urn:banso:problem:<code>"],
            "title": ["type": "string"],
            "status": ["type": "integer"],
            "code": ["type": "string", "description": "Stable, machine-readable reason"],
            "detail": ["type": "string"],
            "instance": ["type": "string"],
            "field": ["type": "string", "description": "The first offending input field"],
            "errors": [
                "type": "array",
                "items": [
                    "type": "object",
                    "properties": ["field": ["type": "string"], "code": ["type": "string"], "message": ["type": "string"]],
                ],
            ],
            "request_id": ["type": "string"],
        ],
    ]
}

enum HTTPStatusText {
    static func text(_ status: Int) -> String {
        switch status {
        case 400: "Bad request (malformed JSON)"
        case 401: "Not authenticated"
        case 403: "Not permitted"
        case 404: "Not found"
        case 409: "Conflict"
        case 412: "Stale version (If-Match)"
        case 413: "Body too large"
        case 422: "Invalid input"
        case 429: "Too many requests"
        case 500: "Internal error"
        case 503: "Unavailable"
        default: "Error"
        }
    }
}

/// The version the server reports.
public enum BansoVersion {
    public static let current = "0.1.0"
}
