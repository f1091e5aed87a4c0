/// Seed 003's two depths of success. `light`: value on the client's front line (a closing that now takes two days
/// instead of five), owned by the onboarding team. `deep`: value in the client's management decisions (more
/// features, more accounts, the product in the board's numbers), owned by the adoption team.
public enum SuccessTier: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case light, deep

    /// Light comes first: a customer is normally expected to reach it before deep success, and reports list it first.
    public static func < (lhs: SuccessTier, rhs: SuccessTier) -> Bool { lhs == .light && rhs == .deep }

    /// The tag a timeline entry carries when it served a definition of this tier.
    public var timelineTag: TimelineEntry.SuccessTag {
        switch self {
        case .light: .light
        case .deep: .deep
        }
    }
}
