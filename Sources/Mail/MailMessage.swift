public import Foundation

/// An e-mail ready to send: sender, recipients, subject, a text body and optionally an HTML alternative.
///
/// Everything is checked when the value is made (addresses, header values free of CR/LF), so ``rendered()`` cannot
/// fail and a message that exists can always be sent. The recipients in `to` are also the SMTP envelope's.
///
/// Rendering: CRLF line endings; `Date`, `Message-ID` and `MIME-Version: 1.0`; non-ASCII subjects and display
/// names as RFC 2047 encoded-words of whole characters; header lines folded at 78 characters where they can be.
/// A text-only message is `text/plain; charset=UTF-8`; with HTML it is `multipart/alternative` (text first, so
/// readers that prefer HTML take the last part, RFC 2046 §5.1.4).
///
/// Bodies are base64 (76-character lines), not quoted-printable: Banso's messages are mostly Japanese, which
/// quoted-printable triples (`=E3=81=8A`) while base64 adds a third, and base64 output is plain 7-bit lines that
/// no relay rewraps, never needs 8BITMIME, and never starts a line with a dot or a `From `.
public struct MailMessage: Sendable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let replyTo: MailAddress?
    public let subject: String
    public let text: String
    public let html: String?
    public let headers: [MailHeader]
    public let date: Date
    /// `<unique@sender-domain>`.
    public let messageID: String
    /// The multipart boundary: random, and made of characters (`=_`) that base64 bodies never contain.
    let boundary: String

    /// - Parameters:
    ///   - messageID: give a stable one (e.g. derived from the job) to let a retried delivery be recognised as
    ///     the same message; by default a random one at the sender's domain.
    public init(
        from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String, text: String,
        html: String? = nil, headers: [MailHeader] = [], date: Date = Date(), messageID: String? = nil
    ) throws(MailMessageError) {
        guard !to.isEmpty else { throw MailMessageError(code: .noRecipients, field: "to") }
        guard !subject.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw MailMessageError(code: .headerInjection, field: "subject")
        }
        var seen = Set<String>()
        for header in headers where !seen.insert(header.name.lowercased()).inserted {
            throw MailMessageError(code: .duplicateHeader, field: header.name)
        }
        let random = UUID().uuidString.lowercased()
        let id = messageID ?? "<\(random)@\(from.domain)>"
        guard Self.isValidMessageID(id) else { throw MailMessageError(code: .invalidMessageID, field: "message-id") }
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.headers = headers
        self.date = date
        self.messageID = id
        self.boundary = "=_banso_" + random.replacingOccurrences(of: "-", with: "")
    }

    /// The message as RFC 5322 bytes with CRLF line endings, ready for SMTP DATA (before dot-stuffing).
    public func rendered() -> [UInt8] {
        var fields: [HeaderField] = [
            HeaderField(name: "Date", words: [RFC5322Date.format(date)]),
            .mailboxes("From", [from]),
        ]
        if let replyTo { fields.append(.mailboxes("Reply-To", [replyTo])) }
        fields.append(.mailboxes("To", to))
        fields.append(.unstructured("Subject", subject))
        fields.append(HeaderField(name: "Message-ID", words: [messageID]))
        fields.append(HeaderField(name: "MIME-Version", words: ["1.0"]))
        fields += headers.map(\.field)

        var out = Array(fields.map { $0.rendered() }.joined().utf8)
        if let html {
            out += Array("Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n".utf8)
            out += Array("This is a multi-part message in MIME format.\r\n".utf8)
            for (subtype, body) in [("plain", text), ("html", html)] {
                out += Array("\r\n--\(boundary)\r\n".utf8)
                out += Self.textPart(subtype: subtype, body)
            }
            out += Array("\r\n--\(boundary)--\r\n".utf8)
        } else {
            out += Self.textPart(subtype: "plain", text)
        }
        return out
    }

    /// A `text/*` entity's headers and base64 body. Line ends become CRLF first: the canonical form of text
    /// (RFC 2045 §6.8), and what a reader on any system turns back into its own line ends.
    private static func textPart(subtype: String, _ body: String) -> [UInt8] {
        var out = Array("Content-Type: text/\(subtype); charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
        let encoded = Array(Data(crlf(body)).base64EncodedString().utf8)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += encoded[start..<end]
            out += [13, 10]
            start = end
        }
        return out
    }

    private static func crlf(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10, previous != 13 { out.append(13) }
            if previous == 13, byte != 10 { out.append(10) }
            out.append(byte)
            previous = byte
        }
        if previous == 13 { out.append(10) }
        return out
    }

    /// `<left@right>` in printable ASCII without spaces or further angle brackets (RFC 5322 §3.6.4).
    private static func isValidMessageID(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count >= 5, bytes.count <= 250, bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">")
        else { return false }
        let inner = bytes.dropFirst().dropLast()
        guard let at = inner.firstIndex(of: UInt8(ascii: "@")), at > inner.startIndex, at < inner.endIndex - 1 else {
            return false
        }
        return inner.allSatisfy { (33...126).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }
}
