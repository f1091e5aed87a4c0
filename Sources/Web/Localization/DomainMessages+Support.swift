/// The support part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let support: [String: (ja: String, en: String)] = [:]

    static let supportPatterns: [(regex: String, ja: String, en: String)] = []
}
