/// The text the parser reads: one array of scalars with line ends made `\n`, tabs expanded to the next multiple of
/// four columns (so indentation is a count of spaces everywhere) and every code point HTML forbids in a document —
/// NUL, other controls, noncharacters — replaced by U+FFFD, so no input makes the page invalid. Lines are ranges
/// into the array: a container (a quote, a list item) narrows a line by moving its start, without copying.
struct MarkdownSource {
    struct Line: Equatable {
        var start: Int
        var end: Int
    }

    let scalars: [Unicode.Scalar]
    let lines: [Line]

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var lines: [Line] = []
        var lineStart = 0
        var column = 0
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            switch scalar {
            case "\n", "\r":
                lines.append(Line(start: lineStart, end: scalars.count))
                scalars.append("\n")
                lineStart = scalars.count
                column = 0
            case "\t":
                let width = 4 - column % 4
                scalars.append(contentsOf: repeatElement(" ", count: width))
                column += width
            default:
                scalars.append(Self.allowed(scalar) ? scalar : "\u{FFFD}")
                column += 1
            }
        }
        // A line end ends a line; it does not start another (an unclosed fence would keep an empty last line).
        if lineStart < scalars.count || lines.isEmpty { lines.append(Line(start: lineStart, end: scalars.count)) }
        self.scalars = scalars
        self.lines = lines
    }

    /// HTML's "noncharacters" and controls other than the whitespace ones are parse errors the Nu checker reports.
    static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value == 0x0C }
        if (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) { return false }
        return value & 0xFFFE != 0xFFFE
    }
}
