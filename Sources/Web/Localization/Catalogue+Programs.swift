/// The strings of the pages of success programs: templates, enrolments, goal sheets, sessions, hour budgets.
extension Catalogue {
    static let programsJapanese: [String: String] = [
        :
    ]

    static let programsEnglish: [String: String] = [
        :
    ]
}
