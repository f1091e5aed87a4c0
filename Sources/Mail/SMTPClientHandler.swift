import NIOCore
import NIOSSL
import NIOTLS

/// The channel handler under ``SMTPConnection``: it writes commands, cuts the server's bytes into replies and hands
/// each reply to the command waiting for it, in order (which is all SMTP pipelining needs, RFC 2920).
///
/// Every command waits at most `commandTimeout` for its reply; then the connection is closed. Whatever ends the
/// connection — a timeout, an error, the server hanging up — fails every waiting command with the same
/// ``SMTPError``, and any later one at once: a reply is never matched to the wrong command.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Request
    typealias OutboundOut = ByteBuffer

    /// Bytes to send and the promise for their reply.
    struct Request: Sendable {
        var bytes: ByteBuffer
        var reply: EventLoopPromise<SMTPReply>
    }

    private struct Waiting {
        var reply: EventLoopPromise<SMTPReply>
        var timeout: Scheduled<Void>?
    }

    private let commandTimeout: TimeAmount
    private var waiting: CircularBuffer<Waiting> = []
    private var handshake: (promise: EventLoopPromise<Void>, timeout: Scheduled<Void>)?
    private var channel: (any Channel)?
    private var inbound: ByteBuffer?
    private var parser = SMTPReplyParser()
    private var failure: SMTPError?

    /// The server's first reply, which comes unasked; its timeout starts when the channel is active.
    private(set) var greeting: EventLoopFuture<SMTPReply>?

    init(commandTimeout: TimeAmount) {
        self.commandTimeout = commandTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        let promise = context.eventLoop.makePromise(of: SMTPReply.self)
        greeting = promise.futureResult
        waiting.append(Waiting(reply: promise, timeout: nil))
    }

    /// Whether bytes arrived that are not yet a whole reply. After the reply to STARTTLS there must be none: bytes
    /// sent in clear before the handshake would otherwise be read as if they had come through TLS (CVE-2011-0411).
    var hasBufferedInput: Bool { (inbound?.readableBytes ?? 0) > 0 }

    /// For STARTTLS, before the TLS handler goes in: fulfilled when its handshake completes, failed (with the
    /// handshake's error, say a certificate that does not verify) like a reply would be. Waiting for it means the
    /// next command is not written into a channel that the failed handshake has already closed.
    func expectHandshake() -> EventLoopFuture<Void> {
        guard let channel else { preconditionFailure("expectHandshake() before the handler was added") }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        if let failure {
            promise.fail(failure)
        } else {
            handshake = (promise, scheduleTimeout(channel: channel))
        }
        return promise.futureResult
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event, let handshake {
            self.handshake = nil
            handshake.timeout.cancel()
            handshake.promise.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let first = waiting.first, first.timeout == nil {
            waiting[waiting.startIndex].timeout = scheduleTimeout(channel: context.channel)
        }
        context.fireChannelActive()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let failure {
            request.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiting.append(Waiting(reply: request.reply, timeout: scheduleTimeout(channel: context.channel)))
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard failure == nil else { return }
        inbound.setOrWriteBuffer(&bytes)
        guard var buffer = inbound else { return }
        inbound = nil
        do {
            while let reply = try parser.next(from: &buffer) {
                guard let next = waiting.popFirst() else {
                    // Servers speak only when spoken to, except to say goodbye (421) before closing.
                    let error = reply.code == 421
                        ? SMTPError(code: .connectionClosed, replyCode: reply.code, replyText: reply.text, message: "the server is closing")
                        : SMTPError(code: .protocolViolation, message: "unexpected reply \(reply.code)")
                    fail(context: context, error)
                    return
                }
                next.timeout?.cancel()
                next.reply.succeed(reply)
            }
        } catch {
            fail(context: context, error)
            return
        }
        if buffer.readableBytes > 0 {
            buffer.discardReadBytes()
            inbound = buffer
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context, Self.classify(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(SMTPError(code: .connectionClosed, message: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A channel that never connected is closed without becoming inactive; its greeting must still fail.
        failAll(SMTPError(code: .connectionClosed, message: "the connection was closed"))
        channel = nil
    }

    private func scheduleTimeout(channel: any Channel) -> Scheduled<Void> {
        let timeout = commandTimeout
        return channel.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.failAll(SMTPError(code: .timedOut, message: "no reply within \(timeout)"))
            channel.close(promise: nil)
        }
    }

    private func fail(context: ChannelHandlerContext, _ error: SMTPError) {
        failAll(error)
        context.close(promise: nil)
    }

    /// The first failure wins: later ones (the close that follows a timeout, say) describe its consequences.
    private func failAll(_ error: SMTPError) {
        let error = failure ?? error
        failure = error
        if let handshake {
            self.handshake = nil
            handshake.timeout.cancel()
            handshake.promise.fail(error)
        }
        while let next = waiting.popFirst() {
            next.timeout?.cancel()
            next.reply.fail(error)
        }
    }

    static func classify(_ error: any Error) -> SMTPError {
        if let error = error as? SMTPError { return error }
        if error is NIOSSLExtraError { return SMTPError(code: .tlsFailed, message: "TLS: \(error)") }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed, .unableToValidateCertificate, .noCertificateToValidate, .cannotMatchULabel:
                return SMTPError(code: .tlsFailed, message: "TLS handshake failed: \(error)")
            default:
                return SMTPError(code: .connectionClosed, message: "TLS: \(error)")
            }
        }
        return SMTPError(code: .connectionClosed, message: "\(error)")
    }
}

@available(*, unavailable)
extension SMTPClientHandler: Sendable {}
