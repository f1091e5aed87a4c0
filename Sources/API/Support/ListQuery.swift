import Logging
import Database
import Store
import Domain
import HTTPTypes
import Hummingbird
import Foundation

/// `limit` and `cursor` of a keyset-paginated list, validated.
struct ListQuery: Sendable {
    var limit: Int
    var cursor: UUID?

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        limit = 50
        if let raw = query["limit"] {
            guard let value = Int(String(raw)), (1...200).contains(value) else {
                throw Problem.invalidField("limit", "limit is an integer from 1 to 200")
            }
            limit = value
        }
        cursor = try request.uuidQuery("cursor")
    }
}

extension Request {
    /// A UUID query parameter, or 422 naming it.
    func uuidQuery(_ name: String) throws -> UUID? {
        guard let raw = uri.queryParameters[name[...]] else { return nil }
        guard let id = UUID(uuidString: String(raw)) else {
            throw Problem.invalidField(name, "\(name) is not a valid id")
        }
        return id
    }

    /// A UUID path parameter; anything else cannot name a resource, so it is a 404.
    func uuidParameter(_ context: some RequestContext, _ name: String, what: String) throws -> UUID {
        guard let raw = context.parameters.get(name), let id = UUID(uuidString: raw) else {
            throw Problem.notFound(what)
        }
        return id
    }
}

extension Problem {
    static func invalidField(_ field: String, _ message: String) -> Problem {
        Problem(
            status: .unprocessableContent, code: "invalid_field", detail: message,
            fields: [FieldError(field: field, code: "invalid", message: message)])
    }
}

/// The JSON shape of every list.
struct ListResponse<Item: Encodable & Sendable>: Encodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    init(items: [Item], nextCursor: UUID?) {
        self.items = items
        self.nextCursor = nextCursor?.uuidString.lowercased()
    }
}
