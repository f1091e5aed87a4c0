import Foundation
@testable import Mail
import NIOCore
import NIOPosix
import NIOSSL
import Testing
import TestSupport

/// The SMTP client against a real server (aiosmtpd, see ``SMTPSink``): what arrives is read back by Python's
/// `email` package, not by this client's own code.
@Suite struct SMTPClientTests {
    static let subject = "「11月のチェックインの期限が近づいています」"

    func client(
        _ sink: SMTPSink, security: SMTPConfiguration.Security = .none,
        credentials: SMTPConfiguration.Credentials? = nil, allowsPlaintextAuthentication: Bool = false,
        trustSinkCertificate: Bool = true
    ) throws -> SMTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if trustSinkCertificate, let certificate = sink.certificate { tls.trustRoots = .file(certificate) }
        return try SMTPClient(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: sink.port, security: security, credentials: credentials,
            allowsPlaintextAuthentication: allowsPlaintextAuthentication, heloName: "banso.test",
            connectTimeout: .seconds(5), commandTimeout: .seconds(10), tlsConfiguration: tls))
    }

    func message(
        to: [MailAddress]? = nil, subject: String = subject, text: String = "本文です。\nよろしくお願いします。",
        html: String? = nil
    ) throws -> MailMessage {
        try MailMessage(
            from: MailAddress("notify@banso.example", displayName: "伴走 通知"),
            to: to ?? [MailAddress("hanako@customer.example", displayName: "山田 花子")],
            subject: subject, text: text, html: html)
    }

    func lf(_ text: String?) -> String? { text?.replacingOccurrences(of: "\r\n", with: "\n") }

    @Test func aPlainTextMessageArrivesWithItsJapaneseSubjectAndNames() async throws {
        try await SMTPSink.with { sink in
            let sent = try MailMessage(
                from: MailAddress("notify@banso.example", displayName: "伴走 通知"),
                to: [
                    MailAddress("hanako@customer.example", displayName: "山田 花子"),
                    MailAddress("ops@customer.example", displayName: "Ops, \"Night\" Team"),
                ],
                replyTo: MailAddress("csm@banso.example", displayName: "担当 CSM"),
                subject: Self.subject, text: "本文です。\n二行目。\n",
                headers: [
                    MailHeader("List-Unsubscribe", "<https://banso.example/unsubscribe?t=abc>"),
                    MailHeader("X-Banso-Notification", "check_in.reminder"),
                ])
            try await client(sink).send(sent)

            let deliveries = try sink.deliveries()
            try #require(deliveries.count == 1)
            let delivery = deliveries[0]
            #expect(delivery.mailFrom == "notify@banso.example")
            #expect(delivery.rcptTos == ["hanako@customer.example", "ops@customer.example"])
            let parsed = delivery.message
            #expect(parsed.defects == [])
            #expect(parsed.subject == Self.subject)
            #expect(parsed.from == [.init(displayName: "伴走 通知", address: "notify@banso.example")])
            #expect(parsed.to == [
                .init(displayName: "山田 花子", address: "hanako@customer.example"),
                .init(displayName: "Ops, \"Night\" Team", address: "ops@customer.example"),
            ])
            #expect(parsed.replyTo == [.init(displayName: "担当 CSM", address: "csm@banso.example")])
            #expect(parsed.contentType == "text/plain")
            #expect(lf(parsed.text) == "本文です。\n二行目。\n")
            #expect(parsed.header("List-Unsubscribe") == "<https://banso.example/unsubscribe?t=abc>")
            #expect(parsed.header("X-Banso-Notification") == "check_in.reminder")
            #expect(parsed.header("MIME-Version") == "1.0")
            #expect(parsed.header("Message-ID") == sent.messageID)
            #expect(sent.messageID.hasSuffix("@banso.example>"))
            #expect(parsed.header("Date")?.hasSuffix("+0000") == true)
            #expect(delivery.raw.allLinesEndWithCRLF, "CRLF line endings only")
        }
    }

    @Test func textAndHTMLArriveAsAlternativesWithJapaneseBodiesIntact() async throws {
        let long = String(repeating: "期限が近づいています。", count: 12) + "👩‍👩‍👧‍👦"
        let text = "山田様\n\n11月のチェックインを提出してください。\n.\n.hidden\n最後の行"
        let html = "<p>山田様</p>\n<p>11月の<b>チェックイン</b>を提出してください。</p>"
        try await SMTPSink.with { sink in
            try await client(sink).send(message(subject: long, text: text, html: html))
            let parsed = try #require(try sink.deliveries().first).message
            #expect(parsed.defects == [])
            #expect(parsed.contentType == "multipart/alternative")
            #expect(parsed.subject == long)
            #expect(lf(parsed.text) == text)
            #expect(lf(parsed.html) == html)
        }
    }

    @Test func startTLSThenAuthPlainDelivers() async throws {
        try await SMTPSink.with(["--starttls", "--auth", "banso:s3cr3t:with colon"]) { sink in
            let credentials = SMTPConfiguration.Credentials(username: "banso", password: "s3cr3t:with colon")
            try await client(sink, security: .startTLS, credentials: credentials).send(message())
            let delivery = try #require(try sink.deliveries().first)
            #expect(delivery.tls)
            #expect(delivery.authenticated)
            #expect(delivery.login == "banso")
            #expect(delivery.message.subject == Self.subject)
        }
    }

    @Test func implicitTLSDelivers() async throws {
        try await SMTPSink.with(["--tls", "--auth", "banso:pw"]) { sink in
            let credentials = SMTPConfiguration.Credentials(username: "banso", password: "pw")
            try await client(sink, security: .tls, credentials: credentials).send(message())
            let delivery = try #require(try sink.deliveries().first)
            #expect(delivery.authenticated)
            #expect(delivery.message.subject == Self.subject)
        }
    }

    @Test func aCertificateThatDoesNotVerifyIsAPermanentTLSFailure() async throws {
        try await SMTPSink.with(["--starttls"]) { sink in
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink, security: .startTLS, trustSinkCertificate: false).send(message())
            }
            #expect(error?.code == .tlsFailed, "\(String(reflecting: error))")
            #expect(error?.isTransient == false)
            let stored = try sink.deliveries()
            #expect(stored.isEmpty)
        }
    }

    @Test func aWrongPasswordIsAPermanentAuthenticationFailure() async throws {
        try await SMTPSink.with(["--starttls", "--auth", "banso:right"]) { sink in
            let credentials = SMTPConfiguration.Credentials(username: "banso", password: "wrong")
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink, security: .startTLS, credentials: credentials).send(message())
            }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.replyCode == 535)
            #expect(error?.isTransient == false)
            let stored = try sink.deliveries()
            #expect(stored.isEmpty)
        }
    }

    @Test func requiredStartTLSThatIsNotOfferedIsPermanent() async throws {
        try await SMTPSink.with { sink in
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink, security: .startTLS).send(message())
            }
            #expect(error?.code == .startTLSUnavailable)
            #expect(error?.isTransient == false)
            let stored = try sink.deliveries()
            #expect(stored.isEmpty)
        }
    }

    @Test func credentialsAreNotSentInClearUnlessAllowed() async throws {
        try await SMTPSink.with(["--auth", "banso:pw", "--auth-without-tls"]) { sink in
            let credentials = SMTPConfiguration.Credentials(username: "banso", password: "pw")
            let error = await #expect(throws: SMTPError.self) {
                try await client(sink, security: .startTLSIfAvailable, credentials: credentials).send(message())
            }
            #expect(error?.code == .insecureAuthentication)
            #expect(error?.isTransient == false)
            let stored = try sink.deliveries()
            #expect(stored.isEmpty)

            // A loopback relay, explicitly allowed.
            try await client(sink, credentials: credentials, allowsPlaintextAuthentication: true).send(message())
            let delivery = try #require(try sink.deliveries().first)
            #expect(delivery.authenticated && !delivery.tls)
        }
    }

    @Test(arguments: [false, true])
    func aRefusedRecipientFailsTheWholeMessagePermanently(pipelining: Bool) async throws {
        try await SMTPSink.with(pipelining ? ["--pipelining"] : []) { sink in
            let to = [try MailAddress("hanako@customer.example"), try MailAddress("reject@customer.example")]
            let error = await #expect(throws: SMTPError.self) { try await client(sink).send(message(to: to)) }
            #expect(error?.code == .recipientRejected)
            #expect(error?.replyCode == 550)
            #expect(error?.recipient == "reject@customer.example")
            #expect(error?.isTransient == false)
            let stored = try sink.deliveries()
            #expect(stored.isEmpty, "all recipients or none: hanako gets nothing either")
        }
    }

    @Test func aTemporarilyRefusedRecipientIsTransient() async throws {
        try await SMTPSink.with { sink in
            let to = [try MailAddress("tempfail@customer.example")]
            let error = await #expect(throws: SMTPError.self) { try await client(sink).send(message(to: to)) }
            #expect(error?.code == .recipientRejected)
            #expect(error?.replyCode == 451)
            #expect(error?.isTransient == true)
        }
    }

    @Test(arguments: [false, true])
    func severalMessagesOverOneConnectionEachGetTheirOwnResult(pipelining: Bool) async throws {
        try await SMTPSink.with(pipelining ? ["--pipelining"] : []) { sink in
            let messages = [
                try message(subject: "一通目"),
                try message(to: [try MailAddress("reject@customer.example")], subject: "二通目"),
                try message(subject: "三通目"),
            ]
            let results = try await client(sink).send(messages)
            #expect(results.count == 3)
            #expect((try? results[0].get()) != nil)
            if case .failure(let error) = results[1] { #expect(error.code == .recipientRejected) } else {
                Issue.record("the refused message succeeded")
            }
            #expect((try? results[2].get()) != nil)
            #expect(try sink.deliveries().map(\.message.subject) == ["一通目", "三通目"])
        }
    }

    @Test func linesStartingWithADotSurviveTheTrip() async throws {
        try await SMTPSink.with { sink in
            // Rendered messages are base64 and never start a line with a dot; raw content does, so send some.
            let content = Array("Subject: dots\r\n\r\nfirst\r\n.\r\n.hidden\r\n..two\r\nlast\r\n".utf8)
            let client = try client(sink)
            let results = await client.deliver([
                SMTPClient.Envelope(
                    sender: "notify@banso.example", recipients: ["hanako@customer.example"], content: content,
                    messageID: nil),
            ])
            #expect((try? results.first?.get()) != nil)
            // And a message whose text has such lines.
            try await client.send(message(text: ".\n.hidden\n..two\n."))

            let deliveries = try sink.deliveries()
            try #require(deliveries.count == 2)
            #expect(Array(deliveries[0].raw) == content, "the server saw exactly the bytes sent, unstuffed")
            #expect(lf(deliveries[0].message.text) == "first\n.\n.hidden\n..two\nlast\n")
            #expect(lf(deliveries[1].message.text) == ".\n.hidden\n..two\n.")
        }
    }

    @Test func aServerThatIsNotListeningIsATransientConnectionFailure() async throws {
        // Bound but not listening, and held for the test: no other test's server can be given this port meanwhile.
        let refusing = try RefusingPort()
        let client = try SMTPClient(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: refusing.port, security: .none, connectTimeout: .seconds(5)))
        let error = await #expect(throws: SMTPError.self) { try await client.send(message()) }
        withExtendedLifetime(refusing) {}
        #expect(error?.code == .connectionFailed)
        #expect(error?.isTransient == true)
    }

    @Test func aServerThatNeverAnswersTimesOutTransiently() async throws {
        // Accepts connections and says nothing.
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        let client = try SMTPClient(configuration: SMTPConfiguration(
            host: "127.0.0.1", port: port, security: .none, connectTimeout: .seconds(5),
            commandTimeout: .milliseconds(300)))
        let started = ContinuousClock.now
        let error = await #expect(throws: SMTPError.self) { try await client.send(message()) }
        try await channel.close()
        #expect(error?.code == .timedOut)
        #expect(error?.isTransient == true)
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}

extension Data {
    /// Every LF is preceded by a CR.
    var allLinesEndWithCRLF: Bool {
        var previous: UInt8 = 0
        for byte in self {
            if byte == 10, previous != 13 { return false }
            previous = byte
        }
        return true
    }
}
