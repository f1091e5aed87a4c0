/// The templates of the organization pages (positions, the org chart, transfers, notification preferences).
extension Templates {
    static let organization: [(name: String, bytes: [UInt8])] = []
}
