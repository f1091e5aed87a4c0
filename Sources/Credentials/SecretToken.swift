import Crypto
public import Foundation

/// Secret tokens — sessions, API tokens, invitation and reset links: 32 random bytes shown once as `bso_` +
/// base64url, and stored only as their SHA-256, so a leaked database does not leak usable tokens.
public enum SecretToken {
    public static let prefix = "bso_"

    public static func new() -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = generator.next() }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }
}
