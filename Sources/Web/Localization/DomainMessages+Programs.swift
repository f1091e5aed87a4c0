/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let programMessages: [String: (ja: String, en: String)] = [:]
    static let programPatterns: [(regex: String, ja: String, en: String)] = []
}
