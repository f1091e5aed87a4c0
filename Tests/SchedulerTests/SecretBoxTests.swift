import Credentials
import Foundation
import Scheduler
import Testing

@Suite struct SecretBoxTests {
    let box = SecretBox(current: try! SecretBox.Key(id: "a", bytes: Array(repeating: 1, count: 32)))

    @Test func sealsOpensAndBindsThePurpose() throws {
        let sealed = try box.seal("whsec_abc", for: .webhookSecret)
        #expect(sealed.hasPrefix("enc:v1:a:"))
        #expect(try box.open(sealed, for: .webhookSecret) == "whsec_abc")
        #expect(try box.seal("whsec_abc", for: .webhookSecret) != sealed, "a fresh nonce each time")
        #expect(throws: SecretBoxError.self) { try box.open(sealed, for: .relayURL) }
        let other = SecretBox(current: try SecretBox.Key(id: "b", bytes: Array(repeating: 2, count: 32)))
        #expect(throws: SecretBoxError.self) { try other.open(sealed, for: .webhookSecret) }
        #expect(try box.open("https://legacy.example/hook", for: .webhookURL) == "https://legacy.example/hook", "from before sealing")
        #expect(box.needsResealing("https://legacy.example/hook"))
        #expect(!box.needsResealing(sealed))
        // One bit of the ciphertext flipped (a byte in the middle: a base64 character near the end may hold only
        // padding bits, which decoding ignores).
        let payload = String(sealed.dropFirst("enc:v1:a:".count))
        var bytes = try #require(Data(base64Encoded: payload))
        bytes[bytes.count / 2] ^= 0x01
        let tampered = "enc:v1:a:" + bytes.base64EncodedString()
        #expect(throws: SecretBoxError.self) { try box.open(tampered, for: .webhookSecret) }
    }

    @Test func keysAreParsedStrictly() throws {
        let generated = SecretBox.Key.generate(id: "prod-2026")
        #expect(try SecretBox.Key(parsing: generated).id == "prod-2026")
        for bad in ["nokey", "id:short", ":AAAA", "bad id:" + Data(repeating: 0, count: 32).base64EncodedString()] {
            #expect(throws: SecretBoxError.self) { try SecretBox.Key(parsing: bad) }
        }
    }
}
