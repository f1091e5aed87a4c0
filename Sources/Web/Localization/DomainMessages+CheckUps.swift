/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let checkUpMessages: [String: (ja: String, en: String)] = [:]
    static let checkUpPatterns: [(regex: String, ja: String, en: String)] = []
}
