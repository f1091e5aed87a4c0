/// Seed 002's sessions of a success program: the goal-setting session of month 1 (the goal sheet is written there),
/// individual pair support (about 15 minutes a person, watching them use it and repeating the basics), the success
/// presentation of the last month, and anything else the team plans.
public enum ProgramSessionKind: String, Hashable, Sendable, Codable, CaseIterable {
    case goalSetting = "goal_setting"
    case pairSupport = "pair_support"
    case presentation
    case other
}
