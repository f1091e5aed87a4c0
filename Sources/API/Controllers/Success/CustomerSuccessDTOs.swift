import Domain
import Foundation
import Store
import UseCases

/// One measure of the applicable definition and where the customer stands on it.
struct CustomerMeasureDTO: Codable, Sendable {
    var measure: SuccessMeasureDTO
    var state: MeasureStatus.State
    var evidence: String?
    var assessedOn: LocalDate?
    var assessedBy: UUID?
    /// `manual`, `program`, or `metric` (judged from the latest usage figure; never stored by hand).
    var source: MeasureStatusRepository.Source?
    /// The stored judgement's version, for `If-Match` on the measure (0: not judged yet).
    var version: Int

    init(_ v: CustomerSuccess.MeasureView) {
        measure = SuccessMeasureDTO(v.measure)
        (state, evidence, assessedOn, assessedBy) = (v.state, v.status?.evidence, v.status?.assessedOn, v.status?.assessedBy)
        (source, version) = (v.source, v.version)
    }
}

struct CustomerTierDTO: Codable, Sendable {
    var tier: SuccessTier
    /// `null` when the tier is not defined for the customer's company or the org.
    var definition: SuccessDefinitionDTO?
    var reached: Bool
    var reachedOn: LocalDate?
    var met: Int
    var notMet: Int
    var unknown: Int
    var measures: [CustomerMeasureDTO]

    init(_ t: CustomerSuccess.TierView) {
        (tier, definition, reached, reachedOn) = (t.tier, t.definition.map(SuccessDefinitionDTO.init), t.reached, t.reachedOn)
        let counts = t.definition.map(t.status.counts) ?? [:]
        (met, notMet, unknown) = (counts[.met] ?? 0, counts[.notMet] ?? 0, counts[.unknown] ?? 0)
        measures = t.measures.map(CustomerMeasureDTO.init)
    }
}

struct SuccessPeriodDTO: Codable, Sendable {
    var tier: SuccessTier
    var definitionId: UUID
    var reachedOn: LocalDate
    var lostOn: LocalDate?

    init(_ p: SuccessAttainmentRepository.Period) {
        (tier, definitionId, reachedOn, lostOn) = (p.tier, p.definitionID, p.reachedOn, p.lostOn)
    }
}

struct MeasureAssessmentDTO: Codable, Sendable {
    var definitionId: UUID
    var measureId: UUID
    var state: MeasureStatus.State
    var evidence: String?
    var assessedOn: LocalDate
    var assessedBy: UUID?
    var source: MeasureStatusRepository.Source
    var sourceId: UUID?
    var recordedAt: Date

    init(_ s: MeasureStatusRepository.Stored) {
        (definitionId, measureId, state, evidence) = (s.definitionID, s.status.measureID, s.status.state, s.status.evidence)
        (assessedOn, assessedBy, source, sourceId, recordedAt) = (s.status.assessedOn, s.status.assessedBy, s.source, s.sourceID, s.at)
    }
}

/// A customer's success: light and deep as they apply to it, the periods it stood at each, and the latest judgements.
struct CustomerSuccessDTO: Codable, Sendable {
    var customerId: UUID
    var customerName: String
    var tiers: [CustomerTierDTO]
    var periods: [SuccessPeriodDTO]
    var history: [MeasureAssessmentDTO]

    init(_ s: CustomerSuccess.Standing) {
        (customerId, customerName) = (s.customer.id, s.customer.name)
        tiers = s.tiers.map(CustomerTierDTO.init)
        periods = s.periods.map(SuccessPeriodDTO.init)
        history = s.history.map(MeasureAssessmentDTO.init)
    }

    static let schema = Schema.of(CustomerSuccessDTO.self)
}
