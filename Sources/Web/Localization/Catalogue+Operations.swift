/// The strings of the administration of how the org runs: webhooks, schedules, closure days, goal settings, the notification cap, the mail relay, the audit log, background jobs.
extension Catalogue {
    static let operationsJapanese: [String: String] = [:]

    static let operationsEnglish: [String: String] = [:]
}
