import Foundation
public import Store

extension PasswordResetRequests {
    /// At most this many anonymous requests an hour from one client address.
    public static let perAddressPerHour = 10

    /// Queues a "forgot my password" request from `clientAddress`, for the JSON route and the page alike; false when
    /// the address has asked too often this hour. Per client address, so nobody mails the whole directory; the work
    /// goes to a job, so the answer takes the same time whether or not the address is a member's (one INSERT
    /// either way).
    public static func ask(_ store: Store, org: String, email: String, clientAddress: String) async throws -> Bool {
        let slug = org.trimmingCharacters(in: .whitespaces).lowercased()
        let key = "reset-address:\(clientAddress)"
        return try await store.system { tx in
            let (refused, _) = try await CredentialRepository.countAttempt(tx, limits: [(key, perAddressPerHour)], window: .seconds(3600))
            if refused == nil { try await JobRepository.enqueue(tx, job(org: slug, email: email)) }
            return refused == nil
        }
    }
}
