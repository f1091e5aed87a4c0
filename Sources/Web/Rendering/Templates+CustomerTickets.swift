/// The templates of support tickets: the queue, a customer's tickets, a ticket's page.
extension Templates {
    static let customerTickets: [(name: String, bytes: [UInt8])] = []
}
