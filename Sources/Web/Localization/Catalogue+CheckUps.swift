/// The strings of the pages of check-ups and NPS surveys: questionnaires, team plans, settings, response rates.
extension Catalogue {
    static let checkUpsJapanese: [String: String] = [
        :
    ]

    static let checkUpsEnglish: [String: String] = [
        :
    ]
}
