/// Why a delivery failed, and whether trying again later can help (``isTransient``).
///
/// Replies from the server keep their code and text: 4xx means "not now" and is transient, 5xx means "never" and
/// is permanent (RFC 5321 §4.2.1). Failures to reach or keep the server — refused connection, lost connection,
/// timeout — are transient. Failures of configuration — a certificate that does not verify, STARTTLS required but
/// not offered, credentials that would travel in clear — are permanent: retrying cannot fix them.
///
/// `description` names the code, command and reply code but not the server's text, which may quote addresses;
/// `debugDescription` adds it.
public struct SMTPError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        enum Base: String, Sendable {
            case connectionFailed, connectionClosed, timedOut, protocolViolation, tlsFailed, startTLSUnavailable
            case authenticationUnavailable, insecureAuthentication, authenticationFailed, rejected
            case recipientRejected, messageTooLarge, invalidConfiguration
        }
        let base: Base
        /// The server could not be reached (refused, unresolvable, connect timeout). Transient.
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The connection broke during the conversation. Transient — but if it broke after the message's final
        /// dot, the server may have accepted it: a retry can deliver it twice (the Message-ID is the same).
        public static let connectionClosed = Code(base: .connectionClosed)
        /// No reply within the command timeout. Transient, with the same caveat as `connectionClosed`.
        public static let timedOut = Code(base: .timedOut)
        /// The server's reply could not be understood. Transient.
        public static let protocolViolation = Code(base: .protocolViolation)
        /// The TLS handshake failed, e.g. a certificate that does not verify for the host. Permanent.
        public static let tlsFailed = Code(base: .tlsFailed)
        /// STARTTLS is required by the configuration and the server does not offer it. Permanent.
        public static let startTLSUnavailable = Code(base: .startTLSUnavailable)
        /// Credentials are configured and the server offers neither AUTH PLAIN nor LOGIN. Permanent.
        public static let authenticationUnavailable = Code(base: .authenticationUnavailable)
        /// Credentials would be sent over an unencrypted connection, and the configuration does not allow it.
        /// Permanent; nothing was sent.
        public static let insecureAuthentication = Code(base: .insecureAuthentication)
        /// The server refused the credentials (535; 454 is transient).
        public static let authenticationFailed = Code(base: .authenticationFailed)
        /// The server refused a command (see ``command``, ``replyCode``).
        public static let rejected = Code(base: .rejected)
        /// The server refused a recipient (see ``recipient``); the message went to no one.
        public static let recipientRejected = Code(base: .recipientRejected)
        /// The message is larger than the server's advertised SIZE. Permanent.
        public static let messageTooLarge = Code(base: .messageTooLarge)
        /// The configuration cannot be used (a bad URL, TLS settings that do not load). Permanent.
        public static let invalidConfiguration = Code(base: .invalidConfiguration)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The SMTP command that failed (`MAIL FROM`, `RCPT TO`, `DATA`, …; the greeting is `CONNECT`), never its
    /// arguments.
    public var command: String?
    /// The server's reply code, when the failure is a reply.
    public var replyCode: Int?
    /// The server's reply text (lines joined with a newline), when the failure is a reply.
    public var replyText: String?
    /// The refused recipient, for `recipientRejected`.
    public var recipient: String?
    /// What happened, in this client's words (for failures that are not replies).
    public var message: String

    public init(
        code: Code, command: String? = nil, replyCode: Int? = nil, replyText: String? = nil, recipient: String? = nil,
        message: String = ""
    ) {
        self.code = code
        self.command = command
        self.replyCode = replyCode
        self.replyText = replyText
        self.recipient = recipient
        self.message = message
    }

    init(code: Code, command: String, reply: SMTPReply, recipient: String? = nil) {
        self.init(code: code, command: command, replyCode: reply.code, replyText: reply.text, recipient: recipient)
    }

    /// Whether the same delivery may succeed later: the job should be retried (with backoff) rather than discarded.
    public var isTransient: Bool {
        switch code.base {
        case .connectionFailed, .connectionClosed, .timedOut, .protocolViolation:
            return true
        case .tlsFailed, .startTLSUnavailable, .authenticationUnavailable, .insecureAuthentication, .messageTooLarge,
             .invalidConfiguration:
            return false
        case .authenticationFailed, .rejected, .recipientRejected:
            return replyCode.map { (400..<500).contains($0) } ?? false
        }
    }

    public var description: String {
        var parts = ["SMTPError(\(code)"]
        if let command { parts.append("command=\(command)") }
        if let replyCode { parts.append("reply=\(replyCode)") }
        if replyCode == nil, !message.isEmpty { parts.append("message=\(message)") }
        return parts.joined(separator: " ") + ")"
    }

    public var debugDescription: String {
        var parts = [description]
        if let replyText { parts.append("reply: \(replyText)") }
        if let recipient { parts.append("recipient: \(recipient)") }
        if replyCode != nil, !message.isEmpty { parts.append("message: \(message)") }
        return parts.joined(separator: "\n")
    }
}
