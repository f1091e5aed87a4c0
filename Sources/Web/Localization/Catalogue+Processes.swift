/// The strings of the pages of standard processes: versions with their RACI, adoption per company, a customer's process, the reports.
extension Catalogue {
    static let processesJapanese: [String: String] = [
        :
    ]

    static let processesEnglish: [String: String] = [
        :
    ]
}
