/// How often a goal is checked in on. Monthly is the default (DESIGN §2).
public enum Cadence: String, Sendable, Codable, CaseIterable {
    case weekly, biweekly, monthly, quarterly
}
