import Crypto
public import Foundation

/// Secrets Banso must be able to use again — webhook signing secrets and URLs (a Slack or Teams URL is itself a
/// credential), org relays' SMTP URLs with their passwords — are stored sealed with the deployment's key
/// (`BANSO_SECRET_KEY`): AES-256-GCM, with the key's id beside each value so the key can rotate
/// (`banso secrets rotate` re-seals everything with the current key; `BANSO_SECRET_KEYS_PREVIOUS` keeps older keys
/// readable meanwhile). Each value is bound to what it is (`purpose`, as associated data), so a sealed relay URL
/// cannot be passed off as a webhook secret. A value from before sealing existed is read as it is, until rotated.
///
/// Stored form: `enc:v1:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>`.
public struct SecretBox: Sendable {
    public struct Key: Sendable {
        public let id: String
        // Bytes, not SymmetricKey (which is not Sendable here); the key is made for each use.
        let bytes: [UInt8]
        var key: SymmetricKey { SymmetricKey(data: bytes) }

        public init(id: String, bytes: [UInt8]) throws(SecretBoxError) {
            guard bytes.count == 32 else { throw SecretBoxError("a secret key is 32 bytes (base64: 44 characters)") }
            guard !id.isEmpty, id.count <= 32, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw SecretBoxError("a key id is 1–32 letters, digits, - or _")
            }
            self.id = id
            self.bytes = bytes
        }

        /// Reads `<id>:<base64 of 32 bytes>`.
        public init(parsing text: String) throws(SecretBoxError) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let bytes = Data(base64Encoded: parts[1]) else {
                throw SecretBoxError("expected <key id>:<base64 of 32 random bytes>; make one with `banso secrets generate-key`")
            }
            try self.init(id: parts[0], bytes: Array(bytes))
        }

        /// A new random key as `<id>:<base64>`.
        public static func generate(id: String) -> String {
            id + ":" + SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
        }
    }

    /// What a sealed value is; part of the associated data.
    public enum Purpose: String, Sendable {
        case webhookSecret = "webhook.secret"
        case webhookURL = "webhook.url"
        case relayURL = "mail_relay.smtp_url"
    }

    public let current: Key
    public let previous: [Key]

    /// A box with a random key nobody keeps: for code paths that are built but never seal (the OpenAPI document's
    /// router in tests). Whatever it seals is lost with the process.
    public static let unavailable = SecretBox(current: try! Key(id: "ephemeral", bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))

    public init(current: Key, previous: [Key] = []) {
        self.current = current
        self.previous = previous
    }

    static let prefix = "enc:v1:"

    public func seal(_ plaintext: String, for purpose: Purpose) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.key, authenticating: Data(purpose.rawValue.utf8))
        guard let combined = box.combined else { throw SecretBoxError("could not seal") }
        return Self.prefix + current.id + ":" + combined.base64EncodedString()
    }

    /// The plaintext of a stored value (a value from before sealing is returned as it is).
    public func open(_ stored: String, for purpose: Purpose) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        let rest = stored.dropFirst(Self.prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { throw SecretBoxError("a sealed value is damaged") }
        let id = String(rest[..<colon])
        guard let key = ([current] + previous).first(where: { $0.id == id }) else {
            throw SecretBoxError("sealed with key \(id), which this deployment does not have (BANSO_SECRET_KEYS_PREVIOUS)")
        }
        guard let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key.key, authenticating: Data(purpose.rawValue.utf8))
        else { throw SecretBoxError("a sealed value does not open with key \(id): damaged, or not a \(purpose.rawValue)") }
        return String(decoding: plain, as: UTF8.self)
    }

    /// Whether a stored value is not yet sealed with the current key (rotation's work).
    public func needsResealing(_ stored: String) -> Bool {
        !stored.hasPrefix(Self.prefix + current.id + ":")
    }
}

public struct SecretBoxError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
