public import Foundation

/// What light or deep success means (seed 003), for the whole org or for one company: the definition in words,
/// whom it serves on the client's side, what it aims at, how it is measured, who owns it and how they work
/// towards it. A company's own definition of a tier replaces the org's for that company's customers
/// (``applicable(tier:companyID:among:)``) — Enterprise and SMB may mean different things by "light".
public struct SuccessDefinition: Sendable, Equatable, Codable {
    public var id: UUID
    public var tier: SuccessTier
    /// `nil`: the org's definition.
    public var companyID: UUID?
    public var definition: String
    /// Who on the client's side the value reaches (経営企画, the board).
    public var audience: String
    public var aims: [String]
    public var measures: [SuccessMeasure]
    public var responsibleTeamID: UUID?
    /// How the team works towards it (the program, pair support, quarterly reviews).
    public var method: String
    public var archivedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(
        id: UUID, tier: SuccessTier, companyID: UUID?, definition: String, audience: String, aims: [String],
        measures: [SuccessMeasure], responsibleTeamID: UUID?, method: String, archivedAt: Date? = nil,
        createdAt: Date, updatedAt: Date, version: Int = 1
    ) {
        (self.id, self.tier, self.companyID, self.definition, self.audience, self.aims) = (id, tier, companyID, definition, audience, aims)
        (self.measures, self.responsibleTeamID, self.method) = (measures, responsibleTeamID, method)
        (self.archivedAt, self.createdAt, self.updatedAt, self.version) = (archivedAt, createdAt, updatedAt, version)
    }

    public var scope: Scope { companyID.map(Scope.company) ?? .org }

    /// The measures reaching the tier needs.
    public var requiredMeasures: [SuccessMeasure] { measures.filter(\.required) }

    /// Checks what a person typed, naming the first offending field. A definition needs at least one required
    /// measure: one without would count every customer as successful the day it was written.
    public func validated() throws -> SuccessDefinition {
        var copy = self
        copy.definition = definition.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...2000).contains(copy.definition.count) else {
            throw DomainError(.invalid, "the definition is 1 to 2000 characters", field: "definition")
        }
        copy.audience = audience.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(copy.audience.count) else {
            throw DomainError(.invalid, "say whom the success serves in 1 to 500 characters", field: "audience")
        }
        copy.aims = try PositionRules.charterLines(aims, field: "aims")
        copy.method = method.trimmingCharacters(in: .whitespacesAndNewlines)
        guard copy.method.count <= 2000 else { throw DomainError(.invalid, "the method is at most 2000 characters", field: "method") }
        guard (1...50).contains(measures.count) else { throw DomainError(.invalid, "a definition has 1 to 50 measures", field: "measures") }
        copy.measures = try measures.enumerated().map { try $0.element.validated(field: "measures[\($0.offset)]") }
        guard Set(copy.measures.map(\.id)).count == copy.measures.count else {
            throw DomainError(.invalid, "each measure appears once", field: "measures")
        }
        for (index, measure) in copy.measures.enumerated()
        where copy.measures[..<index].contains(where: { $0.name.lowercased() == measure.name.lowercased() }) {
            throw DomainError(.invalid, "two measures are both called “\(measure.name)”", field: "measures[\(index)].name")
        }
        guard copy.measures.contains(where: \.required) else {
            throw DomainError(.invalid, "at least one measure must be required for the tier to be reachable", field: "measures")
        }
        return copy
    }

    /// The definition of `tier` that applies to a customer of `companyID`: the company's own, else the org's;
    /// archived ones never apply.
    public static func applicable(tier: SuccessTier, companyID: UUID, among definitions: [SuccessDefinition]) -> SuccessDefinition? {
        let live = definitions.filter { $0.tier == tier && $0.archivedAt == nil }
        return live.first { $0.companyID == companyID } ?? live.first { $0.companyID == nil }
    }
}
