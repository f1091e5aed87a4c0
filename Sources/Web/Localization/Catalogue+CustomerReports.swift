/// The strings of the customer reports (the renewals calendar, GRR/NRR with its breakdown and trend, ticket metrics, health distribution).
extension Catalogue {
    static let customerReportsJapanese: [String: String] = [:]

    static let customerReportsEnglish: [String: String] = [:]
}
