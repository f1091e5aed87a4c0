import class Foundation.JSONDecoder
import class Foundation.JSONEncoder
import struct Foundation.Data

/// A `Codable` value stored as `jsonb`. Dates inside are ISO 8601 strings, so the stored JSON reads well in SQL.
public struct JSON<Value: Codable & Sendable>: DatabaseEncodable, DatabaseDecodable, Sendable {
    public var value: Value
    public init(_ value: Value) { self.value = value }

    public static var databaseType: DatabaseType { .jsonb }

    public func databaseText() throws -> String? {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw DatabaseEncodingFailure("JSON encoding failed: \(error)")
        }
    }

    public init(databaseValue value: DatabaseValue) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            self.value = try decoder.decode(Value.self, from: Data(value.bytes))
        } catch {
            throw DatabaseDecodingFailure("JSON does not decode as \(Value.self): \(error)")
        }
    }
}

extension JSON: Equatable where Value: Equatable {}
