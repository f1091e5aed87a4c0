public import Foundation

/// What an import resolves names against: the org's companies and teams (by id or name), members (by email) and
/// customer custom fields. Read once per import; the rows are then checked without a statement each.
public struct ImportDirectory: Sendable {
    public struct Company: Sendable { public var id: UUID; public var name: String
        public init(id: UUID, name: String) { (self.id, self.name) = (id, name) } }
    public struct Team: Sendable { public var id: UUID; public var companyID: UUID; public var name: String
        public init(id: UUID, companyID: UUID, name: String) { (self.id, self.companyID, self.name) = (id, companyID, name) } }
    public struct Field: Sendable { public var key: String; public var type: String; public var choices: [String]
        public init(key: String, type: String, choices: [String]) { (self.key, self.type, self.choices) = (key, type, choices) } }

    public var companies: [Company]
    public var teams: [Team]
    /// Lower-cased email → member id (active members only).
    public var members: [String: UUID]
    public var fields: [String: Field]

    public init(companies: [Company], teams: [Team], members: [String: UUID], fields: [Field]) {
        (self.companies, self.teams, self.members) = (companies, teams, members)
        self.fields = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A company by id or by (NFKC, case-insensitive) name; `nil` when none or several match.
    public func company(_ text: String) -> Company? {
        if let id = UUID(uuidString: text) { return companies.first { $0.id == id } }
        let matches = companies.filter { Self.same($0.name, text) }
        return matches.count == 1 ? matches[0] : nil
    }

    /// A team by id or name, within `company` when given (team names repeat across companies).
    public func team(_ text: String, in company: UUID?) -> Team? {
        if let id = UUID(uuidString: text) { return teams.first { $0.id == id } }
        let matches = teams.filter { Self.same($0.name, text) && (company == nil || $0.companyID == company) }
        return matches.count == 1 ? matches[0] : nil
    }

    public func member(email: String) -> UUID? { members[email.lowercased()] }

    static func same(_ a: String, _ b: String) -> Bool {
        a.precomposedStringWithCompatibilityMapping.lowercased() == b.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
