/// The Domain module: Banso's value types and rules — permissions, fiscal periods, the business calendar, SMART
/// checks, health grading, GRR/NRR/NPS, agendas. Pure functions of their arguments: no I/O, no clock, no globals;
/// `now` and the calendar are passed in.

/// A rule of the domain was broken. The API turns it into problem details: `code` is the stable, machine-readable
/// reason; `field` names the offending input when there is one.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Input is malformed or breaks a rule (422).
        public static let invalid = Code(rawValue: "invalid")
        /// A required value is missing (422).
        public static let missing = Code(rawValue: "missing")
        /// The resource does not exist — or belongs to another organisation (404).
        public static let notFound = Code(rawValue: "not_found")
        /// It clashes with existing state, e.g. a duplicate (409).
        public static let conflict = Code(rawValue: "conflict")
        /// The actor may not do this (403).
        public static let forbidden = Code(rawValue: "forbidden")
        /// The write was based on a stale version (412).
        public static let preconditionFailed = Code(rawValue: "precondition_failed")
    }

    public var code: Code
    public var message: String
    public var field: String?
    /// For `forbidden`: the permission the actor lacks, so a client can say what to ask for.
    public var permission: String?

    public init(_ code: Code, _ message: String, field: String? = nil, permission: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.permission = permission
    }

    public var description: String {
        "\(code): \(message)" + (field.map { " (field \($0))" } ?? "")
    }
}

extension DomainError {
    /// A write based on a version that moved on (an `If-Match` that no longer matches): read again and retry.
    public static let stale = DomainError(
        .preconditionFailed, "the resource changed since you read it (If-Match did not match); read it again and retry")
}
