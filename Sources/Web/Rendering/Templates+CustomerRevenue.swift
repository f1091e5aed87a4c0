/// The templates of a customer's contracts, monthly revenue and NPS responses.
extension Templates {
    static let customerRevenue: [(name: String, bytes: [UInt8])] = []
}
