/// Where a customer is in its life with the product (DESIGN §2, seed 002): learning the ropes (型の習得), producing
/// outcomes (成果創出), embedded in daily work (業務定着), up for renewal, or gone.
public enum LifecyclePhase: String, Hashable, Sendable, Codable, CaseIterable {
    case onboarding, outcome, embedded, renewal, churned

    /// The churn causes seed 002 ties to this phase: what to watch for while a customer is in it.
    public var risks: [LifecycleRisk] { LifecycleRisk.allCases.filter { $0.phase == self } }
}

/// Seed 002's causes of churn, each belonging to the phase in which it shows: a customer that never learned what
/// the product is for leaves during onboarding; one that sees no return leaves after it; one whose people stop
/// using it leaves once it should have been part of the work.
public enum LifecycleRisk: String, Hashable, Sendable, Codable, CaseIterable {
    /// 使いみちがわからない
    case unclearUse = "unclear_use"
    /// 何に役立つか分からない
    case unclearValue = "unclear_value"
    /// 費用対効果に合わない
    case poorReturn = "poor_return"
    /// 大事だけど無くても成り立つ
    case dispensable
    /// 使っている人が少ない
    case fewUsers = "few_users"
    /// リソースが足りない
    case lackingResources = "lacking_resources"

    public var phase: LifecyclePhase {
        switch self {
        case .unclearUse, .unclearValue: .onboarding
        case .poorReturn, .dispensable: .outcome
        case .fewUsers, .lackingResources: .embedded
        }
    }
}
