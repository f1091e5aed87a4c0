/// The health part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let health: [String: (ja: String, en: String)] = [:]

    static let healthPatterns: [(regex: String, ja: String, en: String)] = []
}
