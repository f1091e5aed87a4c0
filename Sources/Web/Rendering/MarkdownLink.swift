/// A link's destination as written, and the `href` it may become — or none. An allow-list, never a block-list:
/// whatever does not begin with `http://`, `https://`, `mailto:` or a single `/` is refused, so `javascript:`,
/// `data:`, `vbscript:`, `JaVaScRiPt:`, `java&#115;cript:`, `java\tscript:` and schemes not yet invented all fail
/// the same test. Character references are never decoded (the writer escapes `&`), so what the browser parses is
/// exactly the string checked here.
struct MarkdownLink: Sendable, Equatable {
    let destination: String
    /// Percent-encoded where a URL may not hold the character; nil when the destination is refused.
    let href: String?

    init(_ destination: String) {
        self.destination = destination
        href = Self.href(for: destination)
    }

    static func href(for destination: String) -> String? {
        let scalars = Array(destination.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 4096 else { return nil }
        // Browsers drop tabs and newlines anywhere in a URL and controls at its ends; invisible format characters
        // (zero-width, bidi overrides) disguise where a link goes. None belongs in a link someone typed.
        for scalar in scalars {
            let value = scalar.value
            if scalar == " " { continue }  // only `<…>` destinations hold one; it is encoded below
            if value < 0x20 || (0x7F...0x9F).contains(value) { return nil }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format { return nil }
        }
        let head = String(String.UnicodeScalarView(scalars.prefix(8))).lowercased()
        let allowed: Bool
        if head.hasPrefix("https://") || head.hasPrefix("http://") {
            let hostStart = head.hasPrefix("https://") ? 8 : 7
            allowed = scalars.count > hostStart && Self.startsHost(scalars[hostStart])
        } else if head.hasPrefix("mailto:") {
            allowed = scalars.count > 7
        } else if scalars[0] == "/" {
            // `//host` and `/\host` (which browsers read as `//host`) leave the site; a relative path stays on it.
            allowed = scalars.count == 1 || (scalars[1] != "/" && scalars[1] != "\\")
        } else {
            allowed = false
        }
        return allowed ? encoded(scalars) : nil
    }

    private static func startsHost(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "[" || scalar.value > 0x7F
    }

    /// The characters a URL may not hold literally, as `%XX`; a `%` that starts no escape becomes `%25`. A
    /// backslash is encoded too, so no browser turns it into a `/`.
    private static func encoded(_ scalars: [Unicode.Scalar]) -> String {
        var out = ""
        out.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case " ", "\"", "<", ">", "\\", "^", "`", "{", "|", "}":
                out += "%" + String(scalar.value, radix: 16, uppercase: true)
            case "%":
                let escapes = index + 2 < scalars.count && scalars[index + 1].properties.isASCIIHexDigit
                    && scalars[index + 2].properties.isASCIIHexDigit
                out += escapes ? "%" : "%25"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
