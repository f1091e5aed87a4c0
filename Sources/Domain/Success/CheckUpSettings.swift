/// An org's check-up rules: the response rate below which the check-up is failing, when a contact who has not
/// answered is reminded, and how long a link stays open.
public struct CheckUpSettings: Sendable, Equatable, Codable {
    /// Seed 002: about 20 % was the sign the check-up had failed; 30 % warns before it gets there.
    public static let defaultThresholdPercent = 30

    public var responseRateThresholdPercent: Int
    public var reminderAfterDays: Int
    public var linkValidDays: Int

    public init(responseRateThresholdPercent: Int = defaultThresholdPercent, reminderAfterDays: Int = 7, linkValidDays: Int = 21) {
        (self.responseRateThresholdPercent, self.reminderAfterDays, self.linkValidDays) = (responseRateThresholdPercent, reminderAfterDays, linkValidDays)
    }

    /// A reminder must fall while the link is still open, or it would send the contact to an expired form.
    public func validated() throws -> CheckUpSettings {
        guard (1...100).contains(responseRateThresholdPercent) else {
            throw DomainError(.invalid, "the response-rate threshold is 1 to 100 %", field: "response_rate_threshold_percent")
        }
        guard (1...60).contains(linkValidDays) else { throw DomainError(.invalid, "a link stays open 1 to 60 days", field: "link_valid_days") }
        guard (1...60).contains(reminderAfterDays), reminderAfterDays < linkValidDays else {
            throw DomainError(.invalid, "the reminder goes 1 day or more after sending and before the link expires", field: "reminder_after_days")
        }
        return self
    }
}
