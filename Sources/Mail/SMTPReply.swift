import NIOCore

/// One reply from the server: a three-digit code and one or more lines of text (RFC 5321 §4.2).
struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    let code: Int
    let lines: [String]

    var text: String { lines.joined(separator: "\n") }
    /// 2xx.
    var isCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: go on (354 after DATA, 334 during AUTH).
    var isIntermediate: Bool { (300..<400).contains(code) }

    var description: String { "\(code) \(lines.first ?? "")" }
}

/// Cuts replies out of the bytes the server sends. A multi-line reply is `250-first`, `250-…`, `250 last`; a reply
/// is complete at the line whose code is followed by a space (or by nothing).
///
/// Lines and replies are bounded so a hostile or broken server cannot make the client buffer without end.
struct SMTPReplyParser {
    /// RFC 5321 §4.5.3.1.5 says 512 octets; servers send longer lines in practice, so allow some room.
    static let maximumLineLength = 4096
    static let maximumLines = 1000

    private var code: Int?
    private var lines: [String] = []

    /// The next complete reply in `buffer`, consuming its bytes, or nil when more bytes are needed.
    mutating func next(from buffer: inout ByteBuffer) throws(SMTPError) -> SMTPReply? {
        while true {
            let view = buffer.readableBytesView
            guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
                if view.count > Self.maximumLineLength { throw Self.violation("reply line too long") }
                return nil
            }
            let length = view.distance(from: view.startIndex, to: newline)
            guard length <= Self.maximumLineLength, var line = buffer.readBytes(length: length + 1) else {
                throw Self.violation("reply line too long")
            }
            line.removeLast()
            if line.last == 13 { line.removeLast() }
            let (lineCode, isLast, text) = try Self.parse(line)
            if let code, code != lineCode { throw Self.violation("reply lines with different codes \(code), \(lineCode)") }
            code = lineCode
            lines.append(text)
            if lines.count > Self.maximumLines { throw Self.violation("reply with too many lines") }
            if isLast {
                let reply = SMTPReply(code: lineCode, lines: lines)
                code = nil
                lines = []
                return reply
            }
        }
    }

    /// `Reply-code [ SP text ]` or `Reply-code "-" text`; the code's first digit is 2–5, its second 0–5.
    private static func parse(_ line: [UInt8]) throws(SMTPError) -> (code: Int, isLast: Bool, text: String) {
        guard line.count >= 3,
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
              (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(line[1]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[2])
        else { throw violation("malformed reply line") }
        let code = Int(line[0] - 48) * 100 + Int(line[1] - 48) * 10 + Int(line[2] - 48)
        guard line.count > 3 else { return (code, true, "") }
        let separator = line[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw violation("malformed reply line")
        }
        return (code, separator == UInt8(ascii: " "), String(decoding: line[4...], as: UTF8.self))
    }

    private static func violation(_ message: String) -> SMTPError {
        SMTPError(code: .protocolViolation, message: message)
    }
}
