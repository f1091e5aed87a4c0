/// The templates of the customer reports (the renewals calendar, GRR/NRR with its breakdown and trend, ticket metrics, health distribution).
extension Templates {
    static let customerReports: [(name: String, bytes: [UInt8])] = []
}
