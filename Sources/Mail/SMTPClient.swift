/// The Mail module: e-mail messages as RFC 5322/MIME bytes, and an SMTP client (RFC 5321) on SwiftNIO that hands
/// them to a relay, with STARTTLS or implicit TLS and AUTH PLAIN/LOGIN.
///
/// It owns rendering (encoded-word headers, folding, base64 bodies), the SMTP conversation, and the sorting of
/// failures into transient and permanent (`SMTPError.isTransient`) so that a job can retry or give up. It must
/// never know about Banso's members, organisations or notification kinds: callers hand it finished text, and who
/// gets what, in which language, and whether to retry belong to the Scheduler.
import Foundation
public import Logging
public import NIOCore
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Delivers messages to the configured relay, one connection per call.
///
/// The conversation: greeting (220) → EHLO (HELO if EHLO is refused) → STARTTLS and EHLO again, as configured →
/// AUTH PLAIN, else LOGIN, when credentials are configured → for each message MAIL FROM, RCPT TO per recipient
/// (pipelined when the server offers PIPELINING), DATA and the dot-stuffed message → QUIT.
///
/// A message goes to all its recipients or to none: if the server refuses one, the transaction is reset
/// (RSET) and the message fails with `recipientRejected`, so a retry never reaches someone twice.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private let tlsContext: NIOSSLContext?

    /// - Parameter eventLoopGroup: by default NIO's shared one.
    ///
    /// Fails if the TLS settings cannot be loaded (say, a CA file that does not exist) or the HELO name is not
    /// one: better when the server starts than at the first message.
    public init(
        configuration: SMTPConfiguration, eventLoopGroup: (any EventLoopGroup)? = nil,
        logger: Logger = Logger(label: "banso.mail")
    ) throws(SMTPError) {
        if let heloName = configuration.heloName, !SMTPConfiguration.isValidHELOName(heloName) {
            throw SMTPError(code: .invalidConfiguration, message: "the HELO name must be a host name or address literal")
        }
        if configuration.security == .none {
            tlsContext = nil
        } else {
            do {
                tlsContext = try NIOSSLContext(configuration: configuration.tlsConfiguration ?? .makeClientConfiguration())
            } catch {
                throw SMTPError(code: .invalidConfiguration, message: "TLS settings: \(error)")
            }
        }
        self.configuration = configuration
        self.group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        var logger = logger
        logger[metadataKey: "smtp.server"] = "\(configuration.host):\(configuration.port)"
        self.logger = logger
    }

    /// Sends one message over a connection of its own.
    public func send(_ message: MailMessage) async throws(SMTPError) {
        if case .failure(let error)? = await send([message]).first { throw error }
    }

    /// Sends messages one after another over one connection. Each gets its own result, in order: a refused
    /// message does not stop the others, but a broken connection fails every message not yet sent.
    public func send(_ messages: [MailMessage]) async -> [Result<Void, SMTPError>] {
        await deliver(messages.map { message in
            Envelope(
                sender: message.from.address, recipients: message.to.map(\.address), content: message.rendered(),
                messageID: message.messageID)
        })
    }

    /// A message as SMTP sees it: who it is from and to, and the bytes to send after DATA.
    struct Envelope: Sendable {
        var sender: String
        var recipients: [String]
        var content: [UInt8]
        var messageID: String?
    }

    func deliver(_ envelopes: [Envelope]) async -> [Result<Void, SMTPError>] {
        guard !envelopes.isEmpty else { return [] }
        let connection: SMTPConnection, capabilities: SMTPCapabilities
        do {
            (connection, capabilities) = try await open()
        } catch {
            logger.debug("SMTP connection failed", metadata: ["smtp.error": "\(error)"])
            return envelopes.map { _ in .failure(error) }
        }
        var results: [Result<Void, SMTPError>] = []
        var broken: SMTPError?
        for envelope in envelopes {
            if let broken {
                results.append(.failure(broken))
                continue
            }
            do {
                try await transfer(envelope, over: connection, capabilities: capabilities)
                logger.debug("SMTP message accepted", metadata: ["smtp.message_id": "\(envelope.messageID ?? "")"])
                results.append(.success(()))
            } catch {
                logger.debug("SMTP message failed", metadata: [
                    "smtp.message_id": "\(envelope.messageID ?? "")", "smtp.error": "\(error)",
                ])
                results.append(.failure(error))
                // A refusal leaves the connection usable once the transaction is reset; anything else does not.
                guard error.replyCode != nil || error.code == .messageTooLarge else {
                    broken = error
                    continue
                }
                do {
                    let reset = try await connection.send("RSET")
                    if !reset.isCompletion { broken = SMTPError(code: .rejected, command: "RSET", reply: reset) }
                } catch {
                    broken = error
                }
            }
        }
        if broken == nil { _ = try? await connection.send("QUIT") }
        await connection.close()
        return results
    }

    /// Connects, greets, secures and authenticates, as configured.
    private func open() async throws(SMTPError) -> (SMTPConnection, SMTPCapabilities) {
        let configuration = configuration
        let address = try await configuration.connectAddress?(configuration.host)
        var (connection, greeting) = try await SMTPConnection.connect(
            host: configuration.host, port: configuration.port, address: address,
            implicitTLS: configuration.security == .tls ? tlsContext : nil,
            connectTimeout: TimeAmount(configuration.connectTimeout),
            commandTimeout: TimeAmount(configuration.commandTimeout), group: group, logger: logger)
        do throws(SMTPError) {
            guard greeting.code == 220 else { throw SMTPError(code: .rejected, command: "CONNECT", reply: greeting) }
            let name = configuration.heloName ?? Self.hostName ?? connection.localAddressLiteral
            var capabilities = try await hello(name, over: connection)

            if configuration.security == .startTLS, !capabilities.startTLS {
                throw SMTPError(code: .startTLSUnavailable, command: "EHLO", message: "the server does not offer STARTTLS")
            }
            if configuration.security == .startTLS || configuration.security == .startTLSIfAvailable,
               capabilities.startTLS, let tlsContext {
                let reply = try await connection.send("STARTTLS")
                guard reply.code == 220 else { throw SMTPError(code: .rejected, command: "STARTTLS", reply: reply) }
                try await connection.startTLS(context: tlsContext, host: configuration.host)
                // RFC 3207 §4.2: forget what the server said before TLS; it may say more (AUTH) now.
                capabilities = try await hello(name, over: connection)
            }
            if let credentials = configuration.credentials {
                try await authenticate(credentials, over: connection, capabilities: capabilities)
            }
            logger.trace("SMTP session ready", metadata: [
                "smtp.tls": "\(connection.isEncrypted)", "smtp.capabilities": "\(capabilities.keywords.keys.sorted())",
            ])
            return (connection, capabilities)
        } catch {
            await connection.close()
            throw error
        }
    }

    private func hello(_ name: String, over connection: SMTPConnection) async throws(SMTPError) -> SMTPCapabilities {
        let reply = try await connection.send("EHLO \(name)")
        if reply.isCompletion { return SMTPCapabilities(ehloReply: reply) }
        guard (500..<600).contains(reply.code) else { throw SMTPError(code: .rejected, command: "EHLO", reply: reply) }
        // An old server that does not know EHLO: no extensions.
        let helo = try await connection.send("HELO \(name)")
        guard helo.isCompletion else { throw SMTPError(code: .rejected, command: "HELO", reply: helo) }
        return SMTPCapabilities()
    }

    private func authenticate(
        _ credentials: SMTPConfiguration.Credentials, over connection: SMTPConnection, capabilities: SMTPCapabilities
    ) async throws(SMTPError) {
        // PLAIN and LOGIN send the password merely base64-encoded: over a connection without TLS anyone on the
        // path reads it, and with `startTLSIfAvailable` an attacker can strip the STARTTLS offer to get exactly
        // that. Only a configuration that says the path is private (a loopback relay) may do it.
        guard connection.isEncrypted || configuration.allowsPlaintextAuthentication else {
            throw SMTPError(
                code: .insecureAuthentication, command: "AUTH",
                message: "credentials would be sent without TLS; allow_plaintext_auth is not set")
        }
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        func failed(_ reply: SMTPReply) -> SMTPError { SMTPError(code: .authenticationFailed, command: "AUTH", reply: reply) }

        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            // RFC 4616: authorization identity (empty), NUL, user, NUL, password; sent as the initial response.
            let token = base64("\u{0}\(credentials.username)\u{0}\(credentials.password)")
            var reply = try await connection.send("AUTH PLAIN \(token)", logged: "AUTH PLAIN <credentials>")
            if reply.code == 334 { reply = try await connection.send(token, logged: "<credentials>") }
            guard reply.code == 235 else { throw failed(reply) }
        } else if mechanisms.contains("LOGIN") {
            var reply = try await connection.send("AUTH LOGIN")
            guard reply.code == 334 else { throw failed(reply) }
            reply = try await connection.send(base64(credentials.username), logged: "<username>")
            guard reply.code == 334 else { throw failed(reply) }
            reply = try await connection.send(base64(credentials.password), logged: "<password>")
            guard reply.code == 235 else { throw failed(reply) }
        } else {
            throw SMTPError(
                code: .authenticationUnavailable, command: "AUTH",
                message: "the server offers neither AUTH PLAIN nor AUTH LOGIN (offered: \(mechanisms.sorted()))")
        }
    }

    private func transfer(
        _ envelope: Envelope, over connection: SMTPConnection, capabilities: SMTPCapabilities
    ) async throws(SMTPError) {
        let data = SMTPDataEncoding.encode(envelope.content)
        if let maximum = capabilities.maximumSize, data.readableBytes > maximum {
            throw SMTPError(
                code: .messageTooLarge, command: "MAIL FROM",
                message: "\(data.readableBytes) bytes; the server takes at most \(maximum)")
        }
        let mail = "MAIL FROM:<\(envelope.sender)>" + (capabilities.size ? " SIZE=\(data.readableBytes)" : "")
        let commands = [mail] + envelope.recipients.map { "RCPT TO:<\($0)>" }
        // DATA is not part of the group: had it been, a server could answer 354 although a recipient was refused,
        // and the only way out of 354 is to send a message — to the recipients that were accepted.
        var replies: [SMTPReply]
        if capabilities.pipelining {
            replies = try await connection.send(pipelined: commands)
        } else {
            replies = []
            for command in commands {
                let reply = try await connection.send(command)
                replies.append(reply)
                if !reply.isCompletion { break }
            }
        }
        if let reply = replies.first, !reply.isCompletion {
            throw SMTPError(code: .rejected, command: "MAIL FROM", reply: reply)
        }
        for (recipient, reply) in zip(envelope.recipients, replies.dropFirst()) where !reply.isCompletion {
            throw SMTPError(code: .recipientRejected, command: "RCPT TO", reply: reply, recipient: recipient)
        }
        let start = try await connection.send("DATA")
        guard start.code == 354 else { throw SMTPError(code: .rejected, command: "DATA", reply: start) }
        let done = try await connection.sendMessage(data)
        guard done.isCompletion else { throw SMTPError(code: .rejected, command: "DATA", reply: done) }
    }

    /// The machine's name, when it is fully qualified (RFC 5321 wants a domain or an address literal in EHLO).
    /// Read with gethostname rather than Foundation's `hostName`, which may wait on DNS.
    static let hostName: String? = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard name.contains("."), !name.hasSuffix("."), SMTPConfiguration.isValidHELOName(name) else { return nil }
        return name
    }()
}
