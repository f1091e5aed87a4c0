/// The imports part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let imports: [String: (ja: String, en: String)] = [:]

    static let importPatterns: [(regex: String, ja: String, en: String)] = []
}
