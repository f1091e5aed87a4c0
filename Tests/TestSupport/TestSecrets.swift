public import Credentials
import Foundation

/// The deployment key of every test app and worker process (BANSO_SECRET_KEY), fixed so a test can open what the
/// app sealed.
public enum TestSecrets {
    static let bytes = [UInt8](repeating: 7, count: 32)
    public static let box = SecretBox(current: try! SecretBox.Key(id: "test", bytes: bytes))
    /// The same key as BANSO_SECRET_KEY spells it, for `banso` processes a test starts.
    public static let keyText = "test:" + Data(bytes).base64EncodedString()
}
