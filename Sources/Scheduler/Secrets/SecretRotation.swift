import Database
public import Credentials
public import Store

/// `banso secrets rotate`: re-seals every stored secret that is not sealed with the current key (values from
/// before sealing included), in one system transaction. Idempotent.
public enum SecretRotation {
    public struct Outcome: Sendable, Equatable {
        public var resealed: Int
        public var stored: Int

        public init(resealed: Int, stored: Int) {
            self.resealed = resealed
            self.stored = stored
        }
    }

    public static func rotate(_ store: Store, box: SecretBox) async throws -> Outcome {
        try await store.system { tx in
            let values = try await SealedSecretRepository.all(tx)
            var resealed = 0
            for value in values where box.needsResealing(value.stored) {
                let purpose = purpose(of: value.column)
                let plain = try box.open(value.stored, for: purpose)
                if try await SealedSecretRepository.replace(tx, value, with: box.seal(plain, for: purpose)) { resealed += 1 }
            }
            return Outcome(resealed: resealed, stored: values.count)
        }
    }

    static func purpose(of column: SealedSecretRepository.Column) -> SecretBox.Purpose {
        switch column {
        case .webhookURL: .webhookURL
        case .webhookSecret: .webhookSecret
        case .relayURL: .relayURL
        }
    }
}
