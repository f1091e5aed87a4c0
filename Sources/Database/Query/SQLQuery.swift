/// A statement and its parameters, written as Swift string interpolation.
///
/// Every interpolated value becomes a numbered parameter (`$1`, `$2`, …) and travels apart from the SQL text, so a
/// value can never change the statement:
///
/// ```swift
/// let rows = try await db.query("SELECT name FROM member WHERE org_id = \(org) AND id = \(id)")
/// ```
///
/// Trusted SQL that cannot be a parameter — an identifier, a migration file — goes through the explicitly named
/// escape hatches ``init(unsafeSQL:)``, `\(identifier:)` and `\(unsafeSQL:)`.
public struct SQLQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public internal(set) var sql: String
    public internal(set) var binds: [Bind]
    /// An encoding failure in an interpolated value, thrown when the query runs (interpolation cannot throw).
    var encodingError: DatabaseError?

    /// One parameter in text form (`nil` is SQL `NULL`) with its declared type.
    public struct Bind: Sendable, Equatable {
        public var type: DatabaseType
        public var text: String?
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
        self.encodingError = stringInterpolation.encodingError
    }

    /// SQL from a trusted source (a migration file, a constant), taken as is.
    public init(unsafeSQL sql: String) {
        self.sql = sql
        self.binds = []
    }

    /// The statement's text only: parameter values stay out of logs.
    public var description: String { sql }

    /// Appends another query, renumbering its parameters after this one's.
    public mutating func append(_ other: SQLQuery) {
        sql += Self.renumber(other.sql, offset: binds.count)
        binds += other.binds
        if encodingError == nil { encodingError = other.encodingError }
    }

    public static func + (lhs: SQLQuery, rhs: SQLQuery) -> SQLQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// Joins fragments with a separator, e.g. a list of `WHERE` conditions with `" AND "`.
    public static func join(_ parts: [SQLQuery], separator: String) -> SQLQuery {
        var result = SQLQuery(unsafeSQL: "")
        for (i, part) in parts.enumerated() {
            if i > 0 { result.sql += separator }
            result.append(part)
        }
        return result
    }

    /// Shifts `$n` placeholders by `offset`. Placeholders are only ever written by this type, so a `$` followed by
    /// digits is one (dollar-quoted strings use `$$` or `$tag$`, which have no leading digit).
    static func renumber(_ sql: String, offset: Int) -> String {
        guard offset > 0, sql.contains("$") else { return sql }
        var out = ""
        var digits = ""
        var inPlaceholder = false
        for ch in sql {
            if inPlaceholder {
                if ch.isASCII, ch.isNumber {
                    digits.append(ch)
                    continue
                }
                out += digits.isEmpty ? "$" : "$\(Int(digits)! + offset)"
                inPlaceholder = false
                digits = ""
            }
            if ch == "$" {
                inPlaceholder = true
            } else {
                out.append(ch)
            }
        }
        if inPlaceholder { out += digits.isEmpty ? "$" : "$\(Int(digits)! + offset)" }
        return out
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var binds: [Bind]
        var encodingError: DatabaseError?

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A parameter.
        public mutating func appendInterpolation<Value: DatabaseEncodable>(_ value: Value) {
            appendParameter(value)
        }

        /// A parameter that may be `NULL`. Declared apart because the compiler warns ("string interpolation produces
        /// a debug description for an optional value") whenever an Optional meets an interpolation parameter that is
        /// not declared Optional — every nullable column value written as `\(value)` drew that warning.
        public mutating func appendInterpolation<Value: DatabaseEncodable>(_ value: Value?) {
            appendParameter(value)
        }

        private mutating func appendParameter<Value: DatabaseEncodable>(_ value: Value) {
            do {
                binds.append(Bind(type: Value.databaseType, text: try value.databaseText()))
            } catch {
                if encodingError == nil {
                    encodingError = DatabaseError(code: .encoding, message: "parameter \(binds.count + 1): \(error)")
                }
                binds.append(Bind(type: Value.databaseType, text: nil))
            }
            sql += "$"
            sql += String(binds.count)
        }

        /// An identifier (table, column, channel), quoted and escaped.
        public mutating func appendInterpolation(identifier: String) {
            sql += "\"" + identifier.replacingAll("\"", with: "\"\"") + "\""
        }

        /// A trusted SQL fragment, taken as is. Never pass user input here.
        public mutating func appendInterpolation(unsafeSQL fragment: String) {
            sql += fragment
        }

        /// A nested query; its parameters are renumbered.
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            sql += SQLQuery.renumber(fragment.sql, offset: binds.count)
            binds += fragment.binds
            if encodingError == nil { encodingError = fragment.encodingError }
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var out = ""
        for ch in self {
            if ch == target { out += replacement } else { out.append(ch) }
        }
        return out
    }
}
