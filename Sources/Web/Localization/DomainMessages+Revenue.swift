/// The revenue part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let revenue: [String: (ja: String, en: String)] = [:]

    static let revenuePatterns: [(regex: String, ja: String, en: String)] = []
}
