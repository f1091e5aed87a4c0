/// The customers part's refusals in the reader's language (see DomainMessages).
extension DomainMessages {
    static let customers: [String: (ja: String, en: String)] = [:]

    static let customerPatterns: [(regex: String, ja: String, en: String)] = []
}
