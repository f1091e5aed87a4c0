/// The strings of the customer's records beyond the page: contacts, merge and restore, the org's custom fields.
extension Catalogue {
    static let customerRecordsJapanese: [String: String] = [:]

    static let customerRecordsEnglish: [String: String] = [:]
}
