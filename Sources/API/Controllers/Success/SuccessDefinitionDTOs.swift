import Domain
import Foundation
import Store
import UseCases

/// A measure as the API writes it: flat, `kind` saying whether a person judges it (`manual`) or a usage metric does
/// (`metric` with `metric`, `comparison` and `threshold`). The domain nests the criterion; the API keeps one level.
struct SuccessMeasureDTO: Codable, Sendable {
    var id: UUID
    var name: String
    var kind: String
    var metric: String?
    var comparison: MetricComparison?
    var threshold: Double?
    var required: Bool

    init(_ m: SuccessMeasure) {
        (id, name, required) = (m.id, m.name, m.required)
        switch m.criterion {
        case .manual: kind = "manual"
        case .metric(let name, let comparison, let threshold): (kind, metric, self.comparison, self.threshold) = ("metric", name, comparison, threshold)
        }
    }

    static let schema = Schema.of(SuccessMeasureDTO.self, refining: ["kind": Schema.enumeration(["manual", "metric"])])
}

/// A measure in a create or edit: without `id` a new one, with it one the definition already has.
struct SuccessMeasureInput: Codable, Sendable {
    var id: UUID?
    var name: String
    var kind: String?
    var metric: String?
    var comparison: MetricComparison?
    var threshold: Double?
    var required: Bool?

    func measure(at index: Int) throws -> SuccessDefinitions.MeasureInput {
        let field = "measures[\(index)]"
        let criterion: SuccessMeasure.Criterion
        switch kind ?? (metric == nil ? "manual" : "metric") {
        case "manual":
            guard metric == nil, comparison == nil, threshold == nil else {
                throw Problem.invalidField("\(field).kind", "a manual measure has no metric, comparison or threshold; say kind metric to bind one")
            }
            criterion = .manual
        case "metric":
            guard let metric else { throw Problem.invalidField("\(field).metric", "a bound measure names its metric (seats, active_users…)") }
            guard let comparison else { throw Problem.invalidField("\(field).comparison", "a bound measure has a comparison: >=, >, <=, < or ==") }
            guard let threshold else { throw Problem.invalidField("\(field).threshold", "a bound measure has a threshold") }
            criterion = .metric(name: metric, comparison: comparison, threshold: threshold)
        default:
            throw Problem.invalidField("\(field).kind", "kind is manual or metric")
        }
        return SuccessDefinitions.MeasureInput(id: id, name: name, criterion: criterion, required: required ?? true)
    }

    static func measures(_ inputs: [SuccessMeasureInput]) throws -> [SuccessDefinitions.MeasureInput] {
        try inputs.enumerated().map { try $0.element.measure(at: $0.offset) }
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "name": Schema.string, "kind": Schema.enumeration(["manual", "metric"]), "metric": Schema.string,
         "comparison": Schema.enumeration(MetricComparison.self), "threshold": Schema.number, "required": Schema.boolean],
        required: ["name"])
}

struct SuccessDefinitionDTO: Codable, Sendable, Versioned {
    var id: UUID
    var tier: SuccessTier
    var companyId: UUID?
    var definition: String
    var audience: String
    var aims: [String]
    var measures: [SuccessMeasureDTO]
    var responsibleTeamId: UUID?
    var method: String
    var archivedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ d: SuccessDefinition) {
        (id, tier, companyId, definition, audience, aims) = (d.id, d.tier, d.companyID, d.definition, d.audience, d.aims)
        (measures, responsibleTeamId, method) = (d.measures.map(SuccessMeasureDTO.init), d.responsibleTeamID, d.method)
        (archivedAt, createdAt, updatedAt, version) = (d.archivedAt, d.createdAt, d.updatedAt, d.version)
    }

    static let schema = Schema.of(SuccessDefinitionDTO.self)
}
