/// The strings of a customer's contracts, monthly revenue and NPS responses.
extension Catalogue {
    static let customerRevenueJapanese: [String: String] = [:]

    static let customerRevenueEnglish: [String: String] = [:]
}
