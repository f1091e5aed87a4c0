/// A computed metric a KPI can be bound to, so that its check-ins fill their actual value by themselves (issue 13):
/// GRR and NRR over the check-in period (first month → last month), the NPS of the period's responses, and the
/// share of customers graded A or B by their latest score in the period's last month. Values are in percent.
public enum BoundMetric: String, Hashable, Sendable, Codable, CaseIterable {
    case grr, nrr, nps
    case healthABShare = "health_ab_share"

    /// The unit the value is in, for a KPI that has none.
    public var unit: String {
        switch self {
        case .nps: "pt"
        case .grr, .nrr, .healthABShare: "%"
        }
    }
}
