/// A mailbox: an address and, optionally, the name a person sees (`"山田 花子" <hanako@example.jp>`).
///
/// The address is checked when the value is made, so a `MailAddress` can always be written into a header and an
/// SMTP command. Only what Banso sends to is accepted: a dot-atom local part and a domain name (or an address
/// literal) in ASCII. Quoted local parts and internationalised addresses (SMTPUTF8) are refused rather than sent
/// in a form some relay in the path would mangle.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`.
    public let address: String
    /// Any text without CR/LF; non-ASCII names are sent as RFC 2047 encoded-words.
    public let displayName: String?

    public init(_ address: String, displayName: String? = nil) throws(MailMessageError) {
        guard Self.isValid(address) else {
            // Say "header injection" when that is what the value is, so the attempt is visible as such.
            let injected = address.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
            throw MailMessageError(code: injected ? .headerInjection : .invalidAddress, field: "address")
        }
        if let displayName, displayName.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw MailMessageError(code: .headerInjection, field: "display name")
        }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The part after the `@`, which names the sender's domain in the Message-ID.
    public var domain: Substring {
        guard let at = address.lastIndex(of: "@") else { return address[...] }
        return address[address.index(after: at)...]
    }

    public var description: String {
        if let displayName { return "\(displayName) <\(address)>" }
        return address
    }

    /// RFC 5321 limits: 64 octets of local part, 255 of domain, 254 in all (the path's 256 less the brackets).
    static func isValid(_ address: String) -> Bool {
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        return isDotAtom(local, maximum: 64) && isDomain(domain)
    }

    private static func isDotAtom(_ bytes: ArraySlice<UInt8>, maximum: Int) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maximum,
              bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".")
        else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if previous == byte { return false }
            } else if !HeaderField.isAtext(byte) {
                return false
            }
            previous = byte
        }
        return true
    }

    /// A host name of LDH labels, or an address literal such as `[192.0.2.1]` / `[IPv6:2001:db8::1]`.
    private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 255 else { return false }
        if bytes.first == UInt8(ascii: "[") {
            guard bytes.last == UInt8(ascii: "]"), bytes.count > 2 else { return false }
            return bytes.dropFirst().dropLast().allSatisfy { byte in
                isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            }
        }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
            return isAlphanumeric(first) && isAlphanumeric(last)
                && label.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }
}
