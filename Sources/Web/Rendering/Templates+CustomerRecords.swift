/// The templates of the customer's records beyond the page: contacts, merge and restore, the org's custom fields.
extension Templates {
    static let customerRecords: [(name: String, bytes: [UInt8])] = []
}
