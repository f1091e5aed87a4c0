/// The templates of the directory pages (companies, teams, members and roles, invitations, API tokens).
extension Templates {
    static let directory: [(name: String, bytes: [UInt8])] = []
}
