import Foundation
import Credentials
import HTTPTypes

/// bcrypt for requests (sign-in, accepting an invitation, redeeming a reset, adding a member with a password),
/// bounded per server: two at a time per core and 32 waiting; beyond that the request gets 503 with `Retry-After`
/// at once. bcrypt is slow on purpose — without a bound, a burst of sign-ins queues CPU work nobody waits for any
/// more and starves every other request.
public struct PasswordWork: Sendable {
    let gate: WorkGate

    init(limit: Int = 2 * ProcessInfo.processInfo.activeProcessorCount, queueLimit: Int = 32) {
        gate = WorkGate(limit: limit, queueLimit: queueLimit)
    }

    public func hash(_ password: String) async throws -> String {
        try await bounded { try await Secrets.hashPassword(password) }
    }

    public func verify(_ password: String, hash: String?) async throws -> Bool {
        try await bounded { try await Secrets.verifyPassword(password, hash: hash) }
    }

    private func bounded<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        do {
            return try await gate.run(work)
        } catch is WorkGate.Busy {
            throw Problem(
                status: .serviceUnavailable, code: "busy", detail: "too many sign-ins at once; try again in a moment",
                headers: [.retryAfter: "1"])
        }
    }
}
