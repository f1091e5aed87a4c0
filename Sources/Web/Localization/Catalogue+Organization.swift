/// The strings of positions and their charters, the org chart, transfers (人事異動), notification preferences.
extension Catalogue {
    static let organizationJapanese: [String: String] = [:]

    static let organizationEnglish: [String: String] = [:]
}
