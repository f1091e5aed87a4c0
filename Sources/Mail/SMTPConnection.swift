import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One TCP connection to an SMTP server: commands out, replies back, and the switch to TLS. It knows nothing of
/// what the commands mean; ``SMTPClient`` runs the conversation.
///
/// Every failure surfaces as an ``SMTPError``; a negative reply is not a failure here, just a reply.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let logger: Logger
    private(set) var isEncrypted: Bool

    /// Connects and waits for the greeting. With `implicitTLS` the handshake comes first (SMTPS).
    static func connect(
        host: String, port: Int, address: String? = nil, implicitTLS: NIOSSLContext?, connectTimeout: TimeAmount,
        commandTimeout: TimeAmount, group: any EventLoopGroup, logger: Logger
    ) async throws(SMTPError) -> (SMTPConnection, greeting: SMTPReply) {
        let serverHostname = Self.serverHostname(host)
        // Each channel's greeting, taken when its handler goes in: by the time the connect returns, a greeting that
        // already timed out has closed the channel and its handler is gone from the pipeline (under load this
        // happens), and its failure must still be the one reported.
        let greetings = Mutex<[ObjectIdentifier: EventLoopFuture<SMTPReply>]>([:])
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let implicitTLS {
                        try sync.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname))
                    }
                    let handler = SMTPClientHandler(commandTimeout: commandTimeout)
                    try sync.addHandler(handler)
                    if let greeting = handler.greeting {
                        greetings.withLock { $0[ObjectIdentifier(channel)] = greeting }
                    }
                }
            }
        let channel: any Channel
        do {
            if let address {
                channel = try await bootstrap.connect(to: SocketAddress(ipAddress: address, port: port)).get()
            } else {
                channel = try await bootstrap.connect(host: host, port: port).get()
            }
        } catch {
            throw SMTPError(code: .connectionFailed, message: "\(host):\(port): \(error)")
        }
        let connection = SMTPConnection(channel: channel, logger: logger, isEncrypted: implicitTLS != nil)
        // The handler holds the greeting's promise (each channel its own: a happy-eyeballs connect may have tried
        // several, and closed the losers).
        let greeting = greetings.withLock { $0[ObjectIdentifier(channel)] }
            ?? channel.eventLoop.makeFailedFuture(SMTPError(code: .connectionClosed, message: "the connection closed before the greeting"))
        do {
            let reply = try await connection.wait(greeting)
            connection.logger.trace("SMTP reply", metadata: ["smtp.reply": "\(reply)"])
            return (connection, reply)
        } catch {
            await connection.close()
            throw error
        }
    }

    /// SNI and certificate matching by name: only for a host name. For an IP address NIOSSL checks the
    /// certificate's IP entries against the connected address instead (and SNI must not carry an address).
    static func serverHostname(_ host: String) -> String? {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return isAddress ? nil : host
    }

    /// Sends one command line (CRLF is added) and waits for its reply. `logged` replaces the command in the logs
    /// (for AUTH, whose arguments are the credentials).
    func send(_ command: String, logged: String? = nil) async throws(SMTPError) -> SMTPReply {
        let future = enqueue(line(command), logged: logged ?? command)
        channel.flush()
        return try await reply(future)
    }

    /// Sends the commands in one write and returns their replies in order (RFC 2920 pipelining).
    func send(pipelined commands: [String]) async throws(SMTPError) -> [SMTPReply] {
        let futures = commands.map { enqueue(line($0), logged: $0) }
        channel.flush()
        var replies: [SMTPReply] = []
        for future in futures { replies.append(try await reply(future)) }
        return replies
    }

    /// Sends the message after a 354 (already dot-stuffed and terminated) and waits for the verdict.
    func sendMessage(_ data: ByteBuffer) async throws(SMTPError) -> SMTPReply {
        let future = enqueue(data, logged: "<message, \(data.readableBytes) bytes>")
        channel.flush()
        return try await reply(future)
    }

    /// After the server's 220 to STARTTLS: TLS goes in front of everything, and returns once the handshake is done.
    /// Refused if the server already sent more: those bytes came in clear.
    mutating func startTLS(context: NIOSSLContext, host: String) async throws(SMTPError) {
        let serverHostname = Self.serverHostname(host)
        let channel = channel
        do {
            let handshake = channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
                do {
                    let sync = channel.pipeline.syncOperations
                    let handler = try sync.handler(type: SMTPClientHandler.self)
                    guard !handler.hasBufferedInput else {
                        throw SMTPError(code: .protocolViolation, message: "data in clear after the reply to STARTTLS")
                    }
                    let handshake = handler.expectHandshake()
                    try sync.addHandler(
                        NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
                    return handshake
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            try await handshake.get()
        } catch {
            channel.close(promise: nil)
            throw SMTPClientHandler.classify(error)
        }
        isEncrypted = true
    }

    func close() async {
        try? await channel.close()
    }

    /// RFC 5321 §4.1.4: the EHLO argument when no name is configured — an address literal of our end.
    var localAddressLiteral: String {
        switch channel.localAddress {
        case .v4(let address)?: "[\(address.host)]"
        case .v6(let address)?: "[IPv6:\(address.host)]"
        default: "[127.0.0.1]"
        }
    }

    private func line(_ command: String) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: command.utf8.count + 2)
        buffer.writeString(command)
        buffer.writeStaticString("\r\n")
        return buffer
    }

    private func enqueue(_ bytes: ByteBuffer, logged: String) -> EventLoopFuture<SMTPReply> {
        logger.trace("SMTP command", metadata: ["smtp.command": "\(logged)"])
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        let written = channel.eventLoop.makePromise(of: Void.self)
        // A write on a closed channel never reaches the handler: fail the reply here so no one waits forever.
        written.futureResult.whenFailure { reply.fail(SMTPClientHandler.classify($0)) }
        channel.write(SMTPClientHandler.Request(bytes: bytes, reply: reply), promise: written)
        return reply.futureResult
    }

    private func reply(_ future: EventLoopFuture<SMTPReply>) async throws(SMTPError) -> SMTPReply {
        let reply = try await wait(future)
        logger.trace("SMTP reply", metadata: ["smtp.reply": "\(reply)"])
        return reply
    }

    private func wait(_ future: EventLoopFuture<SMTPReply>) async throws(SMTPError) -> SMTPReply {
        do {
            return try await future.get()
        } catch {
            throw SMTPClientHandler.classify(error)
        }
    }
}
