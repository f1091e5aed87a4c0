public import Foundation

/// What a goal sheet says — everything its three parties agree to. Any change to it is a new version of the sheet
/// and needs agreeing again; the current figures (``GoalSheet/kpiActual``) are progress, not content, so
/// updating them never undoes an agreement.
public struct GoalSheetContent: Sendable, Equatable, Codable {
    /// The business goal in the client's own words (seed 002: not the vendor's wording of it).
    public var businessGoal: String
    /// The client's business KPI the goal is linked to; `kpiGoalID` when it is also a goal in Banso.
    public var kpiName: String
    public var kpiGoalID: UUID?
    public var kpiBaseline: Double?
    public var kpiTarget: Double
    /// What the KPI's figures count (営業日, %, 件): "8 → 5" says little without it.
    public var kpiUnit: String?
    public var kpiDirection: Goal.Direction
    /// A separate goal that doing the work can reach (a usage goal), unlike the business goal which the client's
    /// market also moves.
    public var usageGoal: String
    /// The usage metric that measures it, as imports name it, with where it starts and should get to.
    public var usageMetric: String?
    public var usageBaseline: Double?
    public var usageTarget: Double?
    /// The client's contacts who agree as owner and as decision maker.
    public var clientOwnerID: UUID
    public var decisionMakerID: UUID
    public var decisionMakerComment: String?

    public init(
        businessGoal: String, kpiName: String, kpiGoalID: UUID? = nil, kpiBaseline: Double? = nil, kpiTarget: Double,
        kpiDirection: Goal.Direction = .up, usageGoal: String, usageMetric: String? = nil, usageBaseline: Double? = nil,
        usageTarget: Double? = nil, clientOwnerID: UUID, decisionMakerID: UUID, decisionMakerComment: String? = nil,
        kpiUnit: String? = nil
    ) {
        self.kpiUnit = kpiUnit
        (self.businessGoal, self.kpiName, self.kpiGoalID, self.kpiBaseline, self.kpiTarget) = (businessGoal, kpiName, kpiGoalID, kpiBaseline, kpiTarget)
        (self.kpiDirection, self.usageGoal, self.usageMetric, self.usageBaseline) = (kpiDirection, usageGoal, usageMetric, usageBaseline)
        (self.usageTarget, self.clientOwnerID, self.decisionMakerID, self.decisionMakerComment) = (usageTarget, clientOwnerID, decisionMakerID, decisionMakerComment)
    }

    /// Checks what a person typed, naming the first offending field; trims the texts (so an edit that only adds a
    /// trailing space is no edit at all).
    public func validated() throws -> GoalSheetContent {
        var copy = self
        func text(_ value: String, _ range: ClosedRange<Int>, _ field: String, _ message: String) throws -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard range.contains(trimmed.count) else { throw DomainError(.invalid, message, field: field) }
            return trimmed
        }
        copy.businessGoal = try text(businessGoal, 1...2000, "business_goal", "write the business goal in 1 to 2000 characters")
        copy.kpiName = try text(kpiName, 1...200, "kpi_name", "name the business KPI in 1 to 200 characters")
        guard kpiTarget.isFinite else { throw DomainError(.invalid, "the KPI's target is a finite number", field: "kpi_target") }
        if let baseline = kpiBaseline, !baseline.isFinite {
            throw DomainError(.invalid, "the KPI's baseline is a finite number", field: "kpi_baseline")
        }
        copy.kpiUnit = kpiUnit.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if let unit = copy.kpiUnit, unit.count > 20 { throw DomainError(.invalid, "a unit is at most 20 characters", field: "kpi_unit") }
        copy.usageGoal = try text(usageGoal, 1...2000, "usage_goal", "write the usage goal in 1 to 2000 characters")
        if let metric = usageMetric {
            guard HealthSignalKind.isMetricName(metric) else {
                throw DomainError(.invalid, "a metric's name is lower-case letters, digits and _ (at most 40)", field: "usage_metric")
            }
            guard let target = usageTarget else { throw DomainError(.missing, "a measured usage goal has a target", field: "usage_target") }
            guard target.isFinite else { throw DomainError(.invalid, "the usage target is a finite number", field: "usage_target") }
            if let baseline = usageBaseline, !baseline.isFinite {
                throw DomainError(.invalid, "the usage baseline is a finite number", field: "usage_baseline")
            }
        } else if usageTarget != nil || usageBaseline != nil {
            throw DomainError(.missing, "a usage target needs the metric it is measured by", field: "usage_metric")
        }
        guard clientOwnerID != decisionMakerID else {
            throw DomainError(.invalid, "the owner and the decision maker are two people: each agrees on their own", field: "decision_maker_id")
        }
        copy.decisionMakerComment = try decisionMakerComment.map {
            try text($0, 0...2000, "decision_maker_comment", "the decision maker's comment is at most 2000 characters")
        }
        if copy.decisionMakerComment?.isEmpty == true { copy.decisionMakerComment = nil }
        return copy
    }
}
