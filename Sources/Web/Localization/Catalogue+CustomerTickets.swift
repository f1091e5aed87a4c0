/// The strings of support tickets: the queue, a customer's tickets, a ticket's page.
extension Catalogue {
    static let customerTicketsJapanese: [String: String] = [:]

    static let customerTicketsEnglish: [String: String] = [:]
}
