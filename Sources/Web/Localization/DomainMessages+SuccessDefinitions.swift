/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let successDefinitionMessages: [String: (ja: String, en: String)] = [:]
    static let successDefinitionPatterns: [(regex: String, ja: String, en: String)] = []
}
