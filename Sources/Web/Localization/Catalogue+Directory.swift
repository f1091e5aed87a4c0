/// The strings of the administration of the org's structure: companies, teams, members and their roles, invitations, API tokens.
extension Catalogue {
    static let directoryJapanese: [String: String] = [:]

    static let directoryEnglish: [String: String] = [:]
}
