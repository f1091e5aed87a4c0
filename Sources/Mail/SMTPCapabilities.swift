/// What the server said it supports in its EHLO reply (RFC 5321 §4.1.1.1): one keyword per line after the first,
/// with parameters. A server that only knows HELO supports none of them.
struct SMTPCapabilities: Sendable, Hashable {
    /// Keyword (upper-cased) → its parameters.
    let keywords: [String: [String]]

    init(ehloReply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let parts = line.split(separator: " ").map(String.init)
            guard let keyword = parts.first?.uppercased() else { continue }
            keywords[keyword, default: []] += parts.dropFirst()
        }
        self.keywords = keywords
    }

    init() { keywords = [:] }

    /// RFC 3207.
    var startTLS: Bool { keywords["STARTTLS"] != nil }
    /// RFC 4954: the SASL mechanisms offered, upper-cased.
    var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }
    /// RFC 1870: the largest message the server takes, when it says; 0 or no number means no stated limit.
    var maximumSize: Int? {
        guard let limit = keywords["SIZE"]?.first.flatMap({ Int($0) }), limit > 0 else { return nil }
        return limit
    }
    /// Whether SIZE is offered at all (then MAIL FROM may declare the size).
    var size: Bool { keywords["SIZE"] != nil }
    /// RFC 2920: commands may be sent in groups without waiting for each reply.
    var pipelining: Bool { keywords["PIPELINING"] != nil }
    /// RFC 6152. Not needed by this client, whose messages are 7-bit, but parsed for the logs.
    var eightBitMIME: Bool { keywords["8BITMIME"] != nil }
    /// RFC 6531. Not needed either: addresses are ASCII.
    var smtpUTF8: Bool { keywords["SMTPUTF8"] != nil }
}
