/// The strings of the check-up and NPS form a customer contact answers through their own link, and unsubscribing.
extension Catalogue {
    static let checkUpLinkJapanese: [String: String] = [:]
    static let checkUpLinkEnglish: [String: String] = [:]
}
