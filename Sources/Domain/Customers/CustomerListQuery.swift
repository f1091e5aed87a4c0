public import Foundation

/// The customer list's filters and order, read from a query string — by the list itself and by a saved view,
/// which is a named query string checked by reading it the same way.
public struct CustomerListQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        /// By the reading (五十音), the default.
        case kana
        case name
        /// Worst grade first (D, C, B, A, then ungraded), then by reading.
        case grade
        /// Lowest health total first (ungraded last), then by reading.
        case health
        /// Most recently changed first.
        case updated
    }

    /// A member filter: an id, or `me` (the caller).
    public enum MemberRef: Sendable, Equatable {
        case me
        case id(UUID)

        public func resolved(me: UUID) -> UUID {
            switch self {
            case .me: me
            case .id(let id): id
            }
        }
    }

    public var companyID: UUID?
    public var teamID: UUID?
    public var owner: MemberRef?
    public var salesOwner: MemberRef?
    public var phases: [LifecyclePhase] = []
    public var grades: [HealthGrade] = []
    /// `grade=none`: customers not yet scored.
    public var ungraded = false
    public var segment: String?
    public var tag: String?
    /// Normalised (``CustomerSearch/normalise(_:)``); nil when blank.
    public var search: String?
    public var renewalWithinDays: Int?
    public var archived = false
    public var sort: Sort = .kana

    public init() {}

    /// The parameters the list reads besides paging (`limit`, `cursor`).
    public static let parameterNames: Set<String> = [
        "company_id", "team_id", "owner_id", "sales_owner_id", "phase", "grade", "segment", "tag", "q",
        "renewal_within_days", "archived", "sort",
    ]

    /// Reads the parameters (a name may repeat: `phase=onboarding&phase=outcome`; a comma-separated value counts as
    /// several). Bad values are `DomainError(.invalid)` naming the parameter; unknown names are ignored here (a
    /// saved view refuses them itself).
    public static func parse(_ parameters: [(name: String, value: String)]) throws -> CustomerListQuery {
        var query = CustomerListQuery()
        func uuid(_ value: String, _ name: String) throws -> UUID {
            guard let id = UUID(uuidString: value) else { throw DomainError(.invalid, "the parameter is not a valid id", field: name) }
            return id
        }
        func member(_ value: String, _ name: String) throws -> MemberRef {
            value == "me" ? .me : .id(try uuid(value, name))
        }
        for (name, value) in parameters {
            switch name {
            case "company_id": query.companyID = try uuid(value, name)
            case "team_id": query.teamID = try uuid(value, name)
            case "owner_id": query.owner = try member(value, name)
            case "sales_owner_id": query.salesOwner = try member(value, name)
            case "phase":
                for part in value.split(separator: ",") {
                    guard let phase = LifecyclePhase(rawValue: String(part)) else {
                        throw DomainError(.invalid, "phase is one of onboarding, outcome, embedded, renewal, churned", field: name)
                    }
                    if !query.phases.contains(phase) { query.phases.append(phase) }
                }
            case "grade":
                for part in value.split(separator: ",") {
                    if part.lowercased() == "none" {
                        query.ungraded = true
                    } else if let grade = HealthGrade(rawValue: part.uppercased()) {
                        if !query.grades.contains(grade) { query.grades.append(grade) }
                    } else {
                        throw DomainError(.invalid, "grade is one of A, B, C, D or none", field: name)
                    }
                }
            case "segment":
                let segment = value.trimmingCharacters(in: .whitespaces)
                query.segment = segment.isEmpty ? nil : String(segment.prefix(100))
            case "tag":
                let tag = value.trimmingCharacters(in: .whitespaces)
                query.tag = tag.isEmpty ? nil : String(tag.prefix(50))
            case "q":
                guard value.count <= 200 else { throw DomainError(.invalid, "a search is at most 200 characters", field: name) }
                query.search = CustomerSearch.normalise(value)
            case "renewal_within_days":
                guard let days = Int(value), (0...3650).contains(days) else {
                    throw DomainError(.invalid, "renewal_within_days is a number of days from 0 to 3650", field: name)
                }
                query.renewalWithinDays = days
            case "archived":
                switch value {
                case "true", "1": query.archived = true
                case "false", "0": query.archived = false
                default: throw DomainError(.invalid, "archived is true or false", field: name)
                }
            case "sort":
                guard let sort = Sort(rawValue: value) else {
                    throw DomainError(.invalid, "sort is one of kana, name, grade, health, updated", field: name)
                }
                query.sort = sort
            default: continue
            }
        }
        return query
    }

    /// Reads a query string (`phase=onboarding&grade=C`, with or without the leading `?`), percent-decoded, `+` as a
    /// space.
    public static func pairs(of queryString: String) -> [(name: String, value: String)] {
        let text = queryString.hasPrefix("?") ? String(queryString.dropFirst()) : queryString
        return text.split(separator: "&").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let name = pieces.first.map(decode), !name.isEmpty else { return nil }
            return (name, pieces.count > 1 ? decode(pieces[1]) : "")
        }
    }
}
