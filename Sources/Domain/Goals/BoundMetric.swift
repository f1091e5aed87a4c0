import Foundation

/// A computed metric a KPI can be bound to, so that its check-ins fill their actual value by themselves.
///
/// Two families. **Outcomes** (issue 13): GRR and NRR over the check-in period (first month → last month), the NPS
/// of the period's responses, and the share of customers graded A or B by their latest score in the period's last
/// month — in percent (NPS in points), over the customers in the goal's scope. **Behaviours** (seed 000: the KGI is
/// the health score, the KPIs are the behaviours that keep it from falling): program sessions held, touches
/// (meetings, calls, e-mails, pair-support sessions and presentations on the timeline) and process steps completed
/// in the period — counts. A team, company or org goal counts what happened with its customers; a member's goal
/// counts what the member did (sessions of the programs she runs, touches she wrote, steps she completed), since a
/// behaviour is a person's and the customers she owns today were someone else's last month.
public enum BoundMetric: String, Hashable, Sendable, Codable, CaseIterable {
    case grr, nrr, nps
    case healthABShare = "health_ab_share"
    case programSessionsHeld = "program_sessions_held"
    case touches
    case processStepsDone = "process_steps_done"

    /// Whether the metric counts what people did rather than measuring how customers are.
    public var isBehaviour: Bool {
        switch self {
        case .programSessionsHeld, .touches, .processStepsDone: true
        case .grr, .nrr, .nps, .healthABShare: false
        }
    }

    /// The unit the value is in, for a KPI that has none.
    public var unit: String {
        switch self {
        case .nps: "pt"
        case .grr, .nrr, .healthABShare: "%"
        case .programSessionsHeld, .touches, .processStepsDone: "count"
        }
    }

    /// The measure's name and unit a bound KPI takes when its owner typed none, in the org's language: a bound
    /// KPI's SMART check then finds what it measures and in what.
    public func defaults(_ locale: Organization.Locale) -> (metric: String, unit: String) {
        let japanese = locale == .ja
        switch self {
        case .grr: return ("GRR", "%")
        case .nrr: return ("NRR", "%")
        case .nps: return ("NPS", "pt")
        case .healthABShare: return (japanese ? "ヘルス A・B の顧客の割合" : "Share of customers graded A or B", "%")
        case .programSessionsHeld: return (japanese ? "サクセスプログラムのセッション実施数" : "Program sessions held", japanese ? "回" : "sessions")
        case .touches: return (japanese ? "顧客接点の数" : "Touches", japanese ? "件" : "touches")
        case .processStepsDone: return (japanese ? "完了したプロセスステップ数" : "Process steps done", japanese ? "件" : "steps")
        }
    }
}

extension Goal {
    /// A bound KPI with no measure name or unit takes its metric's (a name or unit the owner typed stays).
    public mutating func fillBoundDefaults(_ locale: Organization.Locale) {
        guard let bound = boundMetric else { return }
        let defaults = bound.defaults(locale)
        if (metric ?? "").trimmingCharacters(in: .whitespaces).isEmpty { metric = defaults.metric }
        if (unit ?? "").trimmingCharacters(in: .whitespaces).isEmpty { unit = defaults.unit }
    }
}
