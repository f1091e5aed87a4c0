/// A header the caller adds to a message, such as `List-Unsubscribe` or `X-Banso-Notification`.
///
/// Checked when made: a value with CR, LF or NUL is refused (it would end this header and begin one of the
/// caller's — or an attacker's — choosing), and so are the headers that ``MailMessage`` writes itself.
public struct MailHeader: Sendable, Hashable {
    public let name: String
    /// Printable ASCII is written as it is (folded at spaces); anything else becomes RFC 2047 encoded-words,
    /// which suits free-text headers only — structured ones such as `List-Unsubscribe` must be ASCII.
    public let value: String

    /// Names ``MailMessage`` sets from its own fields, compared without case.
    static let reserved: Set<String> = [
        "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "return-path",
    ]

    public init(_ name: String, _ value: String) throws(MailMessageError) {
        // RFC 5322 §2.2: printable ASCII except the colon; a line is at most 998 characters.
        guard !name.isEmpty, name.utf8.count <= 76, name.utf8.allSatisfy({ (33...126).contains($0) && $0 != 58 })
        else { throw MailMessageError(code: .invalidHeaderName, field: "header name") }
        guard !Self.reserved.contains(name.lowercased()) else {
            throw MailMessageError(code: .reservedHeader, field: name)
        }
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw MailMessageError(code: .headerInjection, field: name)
        }
        if HeaderField.isPlainText(value),
           value.split(separator: " ").contains(where: { $0.utf8.count > 998 - name.utf8.count - 2 }) {
            throw MailMessageError(code: .lineTooLong, field: name)
        }
        self.name = name
        self.value = value
    }

    var field: HeaderField { .unstructured(name, value, verbatimASCII: true) }
}
