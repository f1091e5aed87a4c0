import NIOCore

/// A message's bytes as they travel after DATA (RFC 5321 §4.5.2): lines end with CRLF, a line that begins with a
/// dot gets a second one (the server removes it), and a line holding a single dot ends the message.
///
/// Without the stuffing a body line "." would end the message early and whatever followed would be read as SMTP
/// commands — an injection, not just a truncation.
enum SMTPDataEncoding {
    static func encode(_ message: some Collection<UInt8>) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            // Bare CR or LF are not allowed on the wire (RFC 5321 §2.3.8): make every line end CRLF.
            if previous == 13, byte != 10 {
                out.writeInteger(UInt8(10))
                atLineStart = true
            }
            if byte == 10, previous != 13 { out.writeInteger(UInt8(13)) }
            if atLineStart, byte == UInt8(ascii: ".") { out.writeInteger(UInt8(ascii: ".")) }
            out.writeInteger(byte)
            atLineStart = byte == 10
            if byte == 13 { atLineStart = false }
            previous = byte
        }
        if previous == 13 {
            out.writeInteger(UInt8(10))
        } else if !atLineStart {
            out.writeStaticString("\r\n")
        }
        out.writeStaticString(".\r\n")
        return out
    }
}
