/// This part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let processMessages: [String: (ja: String, en: String)] = [:]
    static let processPatterns: [(regex: String, ja: String, en: String)] = []
}
