@testable import Mail
import NIOCore
import Testing

/// The parts of the protocol that need no server: replies, capabilities, configuration URLs.
@Suite struct SMTPProtocolTests {
    func replies(_ text: String) throws(SMTPError) -> [SMTPReply] {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer(string: text)
        var out: [SMTPReply] = []
        while let reply = try parser.next(from: &buffer) { out.append(reply) }
        return out
    }

    @Test func multiLineRepliesAndCapabilities() throws {
        let parsed = try replies("250-sink.example Hello\r\n250-SIZE 1000\r\n250-AUTH LOGIN PLAIN\r\n250-PIPELINING\r\n250 STARTTLS\r\n221 bye\r\n354")
        #expect(parsed.map(\.code) == [250, 221], "an incomplete line waits for more bytes")
        let capabilities = SMTPCapabilities(ehloReply: parsed[0])
        #expect(capabilities.startTLS && capabilities.pipelining && capabilities.size)
        #expect(capabilities.maximumSize == 1000)
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
        #expect(!capabilities.eightBitMIME)
        #expect(try replies("250\r\n").first?.lines == [""], "a bare code is a complete reply")
    }

    @Test func malformedRepliesAreProtocolViolations() {
        for text in ["250-a\r\n251 b\r\n", "hello\r\n", "25\r\n", "250_x\r\n", "650 x\r\n", String(repeating: "2", count: 5000)] {
            #expect(throws: SMTPError.self, "\(text.prefix(20))") { _ = try replies(text) }
        }
    }

    @Test func configurationFromURL() throws {
        let plain = try SMTPConfiguration(url: "smtp://user%40corp:p%40ss%3Aw%2Frd@mail.example.com?security=starttls")
        #expect(plain.host == "mail.example.com")
        #expect(plain.port == 587)
        #expect(plain.security == .startTLS)
        #expect(plain.credentials == .init(username: "user@corp", password: "p@ss:w/rd"))
        #expect(!plain.allowsPlaintextAuthentication)
        #expect(!"\(plain)".contains("p@ss"), "the password stays out of descriptions")

        let implicit = try SMTPConfiguration(url: "smtps://relay.example.com")
        #expect(implicit.security == .tls && implicit.port == 465 && implicit.credentials == nil)

        let local = try SMTPConfiguration(
            url: "smtp://u:p@127.0.0.1:2525?security=none&allow_plaintext_auth=true&helo=banso.example&command_timeout=2.5")
        #expect(local.port == 2525 && local.security == .none && local.allowsPlaintextAuthentication)
        #expect(local.heloName == "banso.example")
        #expect(local.commandTimeout == .milliseconds(2500))
        #expect(try SMTPConfiguration(url: "smtp://relay.example.com").security == .startTLS, "TLS unless told otherwise")

        for bad in [
            "http://relay.example.com", "smtp://", "smtp://relay.example.com?securty=none",
            "smtp://relay.example.com?security=maybe", "smtps://relay.example.com?security=none",
            "smtp://relay.example.com?command_timeout=-1", "smtp://relay.example.com?helo=a%20b",
        ] {
            #expect(throws: SMTPError.self, "\(bad)") { _ = try SMTPConfiguration(url: bad) }
        }
    }

    @Test func transientOrPermanent() {
        #expect(SMTPError(code: .rejected, replyCode: 421).isTransient)
        #expect(SMTPError(code: .rejected, replyCode: 452).isTransient)
        #expect(!SMTPError(code: .rejected, replyCode: 554).isTransient)
        #expect(SMTPError(code: .authenticationFailed, replyCode: 454).isTransient)
        #expect(!SMTPError(code: .authenticationFailed, replyCode: 535).isTransient)
        #expect(SMTPError(code: .connectionClosed).isTransient)
        #expect(!SMTPError(code: .messageTooLarge).isTransient)
    }
}
