/// RFC 5545's lexical layer (§3.1–3.3): content lines, TEXT escaping, folding, date-time and offset values. Kept
/// apart from what a calendar says so the byte-level rules — the ones clients are picky about — are tested alone.
public enum ICalendarText {
    /// A TEXT value (§3.3.11): backslash, semicolon and comma escaped, every line break (CRLF, LF or CR) written
    /// `\n`. Other control characters are dropped: TEXT may not hold them, and a raw CR or LF in a title would
    /// otherwise start a property of the author's choosing in every subscriber's calendar.
    public static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch scalar {
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case ";": out.append(contentsOf: #"\;"#.unicodeScalars)
            case ",": out.append(contentsOf: #"\,"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\n": if !afterCR { out.append(contentsOf: #"\n"#.unicodeScalars) }
            case "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A parameter value (§3.2): quoted when it holds `:`, `;` or `,`; a double quote or control character cannot be
    /// written at all, so it is dropped.
    public static func parameter(_ value: String) -> String {
        let kept = value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 && $0.value != 0x7F }
        let clean = String(String.UnicodeScalarView(kept))
        return clean.contains(where: { $0 == ":" || $0 == ";" || $0 == "," }) ? "\"\(clean)\"" : clean
    }

    /// A URI value (§3.3.13), written as it is: it has no escapes, so only control characters, which no URI may
    /// hold, are dropped.
    public static func uri(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// The longest a physical line may be, in octets, not counting its CRLF (§3.1).
    public static let maximumLineOctets = 75

    /// One content line folded into physical lines of at most 75 octets, each ended by CRLF. A break falls only
    /// between Unicode scalars: §3.1 warns that simple writers split multi-octet UTF-8 sequences and leaves it to
    /// readers to cope, and a reader that decodes before it unfolds turns a split Japanese character into mojibake.
    public static func fold(_ line: String) -> String {
        var out = ""
        out.reserveCapacity(line.utf8.count + line.utf8.count / 37 + 2)
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if octets + width > maximumLineOctets {
                // The continuation's leading space counts toward its 75 octets.
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += width
        }
        return out + "\r\n"
    }

    /// `YYYYMMDDTHHMMSS` for a wall-clock time given as seconds since 1970-01-01T00:00 of that same clock.
    static func dateTime(wallSeconds: Int) -> String {
        let days = wallSeconds >= 0 ? wallSeconds / 86_400 : (wallSeconds - 86_399) / 86_400
        let rest = wallSeconds - days * 86_400
        let date = LocalDate(daysSinceEpoch: days)
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2)
            + "T" + pad(rest / 3600, 2) + pad(rest / 60 % 60, 2) + pad(rest % 60, 2)
    }

    /// A UTC offset (§3.3.14): `+0900`, `-0430`, with seconds only when the zone has them.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let text = sign + pad(magnitude / 3600, 2) + pad(magnitude / 60 % 60, 2)
        return magnitude % 60 == 0 ? text : text + pad(magnitude % 60, 2)
    }

    /// The name tzdata gives a zone without an abbreviation (`+09`, `-05`, `+0530`). Foundation's own
    /// abbreviations differ by platform (`JST` on macOS, `GMT+9` on Linux), and the output must not.
    static func offsetName(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        let minutes = magnitude / 60 % 60
        return sign + pad(magnitude / 3600, 2) + (minutes == 0 ? "" : pad(minutes, 2))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
