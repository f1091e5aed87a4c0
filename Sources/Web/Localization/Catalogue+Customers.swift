/// The strings of the customer pages (the list with saved views, a customer's page with its health and why, imports).
extension Catalogue {
    static let customersJapanese: [String: String] = [:]

    static let customersEnglish: [String: String] = [:]
}
