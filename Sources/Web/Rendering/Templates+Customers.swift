/// The templates of the customer pages (the list with saved views, a customer's page with its health and why, imports).
extension Templates {
    static let customers: [(name: String, bytes: [UInt8])] = []
}
