import Domain
import Foundation
import Store
import UseCases

/// What the success-definition pages say the same way: a tier, a measure's criterion, a definition's scope, a
/// measure's state — each in words (never colour alone), in the reader's language.
enum SuccessPageText {
    /// A measure as the pages list it.
    struct Measure: Sendable {
        let name: String
        let criterion: String
        let required: String
        let isRequired: Bool
    }

    static func id(_ text: String?, what: String) throws -> UUID {
        guard let text, let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw DomainError(.notFound, what)
        }
        return id
    }

    /// The hidden `version` field as the use case's expected version: none when empty; a value that is no version
    /// cannot match the current one, so it is refused as stale.
    static func version(_ text: String?) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count <= 18, let version = Int(text) else { throw DomainError.stale }
        return version
    }

    static func tier(_ tier: SuccessTier, _ t: Catalogue) -> String { t["sdf_tier_\(tier.rawValue)"] }

    /// `2026年11月20日` style numbers for thresholds: whole numbers without `.0`.
    static func number(_ value: Double, _ f: PageFormat) -> String {
        value == value.rounded() && abs(value) < 1e15 ? f.number(value, fractionDigits: 0) : f.number(value)
    }

    static func comparison(_ comparison: MetricComparison, _ t: Catalogue) -> String {
        switch comparison {
        case .atLeast: t["sdf_cmp_at_least"]
        case .above: t["sdf_cmp_above"]
        case .atMost: t["sdf_cmp_at_most"]
        case .below: t["sdf_cmp_below"]
        case .equal: t["sdf_cmp_equal"]
        }
    }

    static func criterion(_ criterion: SuccessMeasure.Criterion, _ t: Catalogue, _ f: PageFormat) -> String {
        switch criterion {
        case .manual: t["sdf_criterion_manual"]
        case .metric(let name, let comparison, let threshold):
            t.format("sdf_criterion_metric", ["metric": name, "op": comparison.rawValue, "threshold": number(threshold, f),
                                              "words": Self.comparison(comparison, t)])
        }
    }

    static func measure(_ m: SuccessMeasure, _ t: Catalogue, _ f: PageFormat) -> Measure {
        Measure(name: m.name, criterion: criterion(m.criterion, t, f), required: m.required ? t["sdf_required"] : t["sdf_optional"],
                isRequired: m.required)
    }

    /// "組織全体" or the company's name.
    static func scope(_ definition: SuccessDefinition, companies: [UUID: String], _ t: Catalogue) -> String {
        definition.companyID.map { companies[$0] ?? t["sdf_unknown_company"] } ?? t["sdf_scope_org"]
    }

    static func state(_ state: MeasureStatus.State, _ t: Catalogue) -> (label: String, css: String) {
        switch state {
        case .met: (t["sdf_state_met"], "sdf-met")
        case .notMet: (t["sdf_state_not_met"], "sdf-not-met")
        case .unknown: (t["sdf_state_unknown"], "sdf-unknown")
        }
    }

    /// The companies' names, for saying where a definition lives.
    static func companies(_ tx: TenantTransaction) async throws -> [UUID: String] {
        let list = try await CompanyRepository.list(tx, after: nil, limit: 500).items
        return Dictionary(list.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every team's name (names only, to say who owns a definition) with its company.
    static func teams(_ tx: TenantTransaction, _ caller: Caller) async throws -> [(id: UUID, companyID: UUID, name: String)] {
        let all = Reach(memberID: caller.identity.memberID, everywhere: true, companies: [], teams: [], companiesWithin: [], anywhere: true)
        return try await TeamRepository.list(tx, companyID: nil, visibleTo: all, after: nil, limit: 1000).items
            .map { ($0.id, $0.companyID, $0.name) }.sorted { $0.name < $1.name }
    }

    /// Whether the reader may write definitions in `scope`.
    static func canManage(_ identity: Identity, _ scope: Scope) -> Bool {
        identity.authorizer.can(identity.actor, .manageSuccess, in: scope).allowed
    }
}
