import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Bearer tokens and passwords.
///
/// Tokens are 32 random bytes, shown once as `bso_` + base64url, and stored only as their SHA-256 — a leaked
/// database does not leak usable tokens. Passwords are bcrypt hashes; hashing and verifying take tens of
/// milliseconds of CPU on purpose, so they run on NIO's blocking thread pool, never on the cooperative pool.
public enum Secrets {
    public static let tokenPrefix = SecretToken.prefix
    /// 11 in production. `scripts/test` lowers it (BANSO_TEST_BCRYPT_COST) because every test org's owner gets a
    /// hashed password and hundreds of tests hashing at cost 11 on two cores queue up on NIO's blocking pool for
    /// minutes, starving the live-socket tests' sign-ins past their client's read timeout. Bounded to 4…31.
    public static let bcryptCost: UInt8 = ProcessInfo.processInfo.environment["BANSO_TEST_BCRYPT_COST"]
        .flatMap { UInt8($0) }.map { min(max($0, 4), 31) } ?? 11

    public static func newToken() -> String { SecretToken.new() }

    public static func hash(token: String) -> [UInt8] { SecretToken.hash(token) }

    /// For the CLI and provisioning; requests go through ``PasswordWork``, which bounds how many run at once.
    public static func hashPassword(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: bcryptCost) }
    }

    /// Verifies against `hash`, or — when there is no account or no password — against a decoy, so the answer
    /// takes as long either way. The decoy is made on first use on the blocking pool too.
    public static func verifyPassword(_ password: String, hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: decoyHash)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    /// A hash that matches no password, verified against when the account does not exist so that timing does not
    /// reveal which e-mail addresses are members.
    static let decoyHash = Bcrypt.hash("decoy-password-that-matches-nothing", cost: bcryptCost)
}
