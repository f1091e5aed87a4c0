import Domain
public import Store

extension MailRelays {
    /// The latest test messages and how each went, for the operators who may send one.
    public func recentTests(limit: Int = 5) async throws -> [MailOutboxRepository.Outcome] {
        try identity.require(.manageJobs, in: .org)
        return try await MailOutboxRepository.recent(tx, kind: .relayTest, limit: limit)
    }
}
