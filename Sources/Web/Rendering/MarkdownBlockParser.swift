/// Lines to blocks: paragraphs, ATX headings, fenced code, block quotes, lists (nested by indentation, with task
/// items), thematic breaks and GFM tables. Containers recurse on their narrowed lines; each level reads a line once,
/// and `maxDepth` caps the levels, so a thousand `>` or `-` cost sixteen passes, not a thousand — and the page never
/// receives a tree deeper than browsers build (past the cap, markers are text).
///
/// Where this differs from CommonMark, on purpose: no indented code blocks (an indented line in minutes is nearly
/// always a list continuation someone mistyped, not code); no setext headings (`---` under text is a rule); no raw
/// HTML and no link reference definitions; a nested list needs only two spaces of indentation under any marker
/// (`1. a` then `  - b`), as people type it.
struct MarkdownBlockParser {
    typealias Line = MarkdownSource.Line
    static let maxDepth = 16

    private let s: [Unicode.Scalar]
    private(set) var steps = 0
    /// Scalars that link destinations may still scan in failed attempts, shared by the whole document.
    private var linkBudget: Int

    init(_ source: MarkdownSource) {
        s = source.scalars
        linkBudget = 8 * source.scalars.count + 4096
    }

    static func parse(_ text: String) -> MarkdownDocument {
        let source = MarkdownSource(text)
        var parser = MarkdownBlockParser(source)
        let blocks = parser.blocks(source.lines, depth: 0).blocks
        return MarkdownDocument(blocks: blocks, steps: parser.steps)
    }

    private struct Marker {
        var ordered: Bool
        var symbol: Unicode.Scalar
        var number: Int
        var indent: Int
        var contentColumn: Int
        var empty: Bool
    }

    private enum Start {
        case fence(symbol: Unicode.Scalar, length: Int, indent: Int, info: String)
        case heading(level: Int, content: Line)
        case rule
        case quote
        case item(Marker)
    }

    // MARK: - Blocks of one container

    /// The blocks in `lines`, and whether a blank line separated two of them (which makes a list item loose).
    mutating func blocks(_ lines: [Line], depth: Int) -> (blocks: [MarkdownBlock], blankBetween: Bool) {
        var out: [MarkdownBlock] = []
        var paragraph: [Line] = []
        var blankBetween = false, sawBlank = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            steps += line.end - line.start + 1
            if isBlank(line) {
                if !paragraph.isEmpty {
                    out.append(.paragraph(paragraphInlines(paragraph)))
                    paragraph = []
                }
                if !out.isEmpty { sawBlank = true }
                i += 1
                continue
            }
            if let header = paragraph.last, let alignments = delimiterRow(line),
                let headerCells = cells(header), headerCells.count == alignments.count
            {
                paragraph.removeLast()
                if !paragraph.isEmpty { out.append(.paragraph(paragraphInlines(paragraph))) }
                paragraph = []
                i = table(lines, from: i + 1, header: headerCells, alignments: alignments, depth: depth, into: &out)
                continue
            }
            let begin = start(of: line, depth: depth)
            if begin == nil || (!paragraph.isEmpty && !interrupts(begin)) {
                if paragraph.isEmpty {
                    if sawBlank { blankBetween = true }
                    sawBlank = false
                }
                paragraph.append(line)
                i += 1
                continue
            }
            if !paragraph.isEmpty {
                out.append(.paragraph(paragraphInlines(paragraph)))
                paragraph = []
            }
            if sawBlank { blankBetween = true }
            sawBlank = false
            switch begin! {
            case .fence(let symbol, let length, let indent, let info):
                i = fencedCode(lines, from: i, symbol: symbol, length: length, indent: indent, info: info, into: &out)
            case .heading(let level, let content):
                let inlines = inlines(Array(s[content.start..<content.end]))
                if !inlines.isEmpty { out.append(.heading(level: level, inlines)) }
                i += 1
            case .rule:
                out.append(.rule)
                i += 1
            case .quote:
                i = quote(lines, from: i, depth: depth, into: &out)
            case .item(let marker):
                i = list(lines, from: i, first: marker, depth: depth, into: &out)
            }
        }
        if !paragraph.isEmpty { out.append(.paragraph(paragraphInlines(paragraph))) }
        return (out, blankBetween)
    }

    // MARK: - Containers and leaves

    private mutating func fencedCode(
        _ lines: [Line], from first: Int, symbol: Unicode.Scalar, length: Int, indent: Int, info: String,
        into out: inout [MarkdownBlock]
    ) -> Int {
        var body: [String] = []
        var i = first + 1
        while i < lines.count {
            let line = lines[i]
            steps += line.end - line.start + 1
            i += 1
            let spaces = self.indent(line)
            let p = line.start + spaces
            if spaces < 4, p < line.end, s[p] == symbol {
                var q = p
                while q < line.end && s[q] == symbol { q += 1 }
                if q - p >= length && isBlank(Line(start: q, end: line.end)) {
                    out.append(.code(language: Self.language(info), text: Self.joined(body)))
                    return i
                }
            }
            let kept = Line(start: line.start + min(spaces, indent), end: line.end)
            body.append(String(String.UnicodeScalarView(s[kept.start..<kept.end])))
        }
        // An unclosed fence runs to the end of its container, as in CommonMark.
        out.append(.code(language: Self.language(info), text: Self.joined(body)))
        return i
    }

    private static func joined(_ body: [String]) -> String {
        body.isEmpty ? "" : body.joined(separator: "\n") + "\n"
    }

    private static func language(_ info: String) -> String? {
        let word = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        return word.isEmpty ? nil : word
    }

    private mutating func quote(_ lines: [Line], from first: Int, depth: Int, into out: inout [MarkdownBlock]) -> Int {
        var inner: [Line] = []
        var i = first
        while i < lines.count {
            let line = lines[i]
            if isBlank(line) { break }
            steps += line.end - line.start + 1
            let p = line.start + indent(line)
            if s[p] == ">" {
                var q = p + 1
                if q < line.end && s[q] == " " { q += 1 }
                inner.append(Line(start: q, end: line.end))
                i += 1
                continue
            }
            // A lazy continuation: a paragraph inside the quote goes on without its `>`.
            if let last = inner.last, !isBlank(last), start(of: line, depth: depth) == nil {
                inner.append(line)
                i += 1
                continue
            }
            break
        }
        out.append(.quote(blocks(inner, depth: depth + 1).blocks))
        return i
    }

    private mutating func list(
        _ lines: [Line], from first: Int, first marker: Marker, depth: Int, into out: inout [MarkdownBlock]
    ) -> Int {
        var items: [MarkdownListItem] = []
        var tight = true
        var current = marker
        var itemLines = [content(lines[first], after: marker)]
        var blanks = 0
        var i = first + 1
        while i < lines.count {
            let line = lines[i]
            steps += line.end - line.start + 1
            if isBlank(line) {
                blanks += 1
                itemLines.append(line)
                i += 1
                continue
            }
            let spaces = indent(line)
            if spaces >= min(current.contentColumn, current.indent + 2) {
                itemLines.append(Line(start: line.start + min(spaces, current.contentColumn), end: line.end))
                blanks = 0
                i += 1
                continue
            }
            let begin = start(of: line, depth: depth)
            if case .item(let next)? = begin, next.ordered == marker.ordered, next.symbol == marker.symbol {
                if blanks > 0 { tight = false }
                items.append(item(Array(itemLines.dropLast(blanks)), depth: depth, tight: &tight))
                current = next
                itemLines = [content(line, after: next)]
                blanks = 0
                i += 1
                continue
            }
            if blanks == 0 && (begin == nil || !interrupts(begin)) {
                itemLines.append(line)
                i += 1
                continue
            }
            break
        }
        items.append(item(Array(itemLines.dropLast(blanks)), depth: depth, tight: &tight))
        out.append(.list(MarkdownList(ordered: marker.ordered, start: marker.number, tight: tight, items: items)))
        // The blank lines after the last item belong to the container, which may be a loose list item itself.
        return i - blanks
    }

    private mutating func item(_ lines: [Line], depth: Int, tight: inout Bool) -> MarkdownListItem {
        var lines = lines
        var task: MarkdownListItem.Task?
        if let first = lines.first {
            var p = first.start
            while p < first.end && s[p] == " " { p += 1 }
            if p + 2 < first.end, s[p] == "[", s[p + 2] == "]", p + 3 == first.end || s[p + 3] == " " {
                switch s[p + 1] {
                case " ": task = .open
                case "x", "X": task = .done
                default: break
                }
                if task != nil { lines[0] = Line(start: min(p + 4, first.end), end: first.end) }
            }
        }
        let (blocks, blankBetween) = self.blocks(lines, depth: depth + 1)
        if blankBetween { tight = false }
        return MarkdownListItem(task: task, blocks: blocks)
    }

    private mutating func table(
        _ lines: [Line], from first: Int, header: [Line], alignments: [MarkdownTable.Alignment], depth: Int,
        into out: inout [MarkdownBlock]
    ) -> Int {
        let columns = header.count
        var rows: [[[MarkdownInline]]] = []
        var i = first
        while i < lines.count, !isBlank(lines[i]), start(of: lines[i], depth: depth) == nil {
            let line = lines[i]
            steps += line.end - line.start + 1
            var row = cells(line) ?? [trimmed(line)]
            // GFM: extra cells are dropped and missing ones are empty, so every row has the header's columns.
            if row.count > columns { row.removeLast(row.count - columns) }
            var parsed = row.map { inlines(cellText($0)) }
            while parsed.count < columns { parsed.append([]) }
            rows.append(parsed)
            i += 1
        }
        let head = header.map { inlines(cellText($0)) }
        out.append(.table(MarkdownTable(alignments: alignments, header: head, rows: rows)))
        return i
    }

    // MARK: - Recognising a line

    private func start(of line: Line, depth: Int) -> Start? {
        let spaces = indent(line)
        let p = line.start + spaces
        guard p < line.end else { return nil }
        switch s[p] {
        case "`", "~":
            var q = p
            while q < line.end && s[q] == s[p] { q += 1 }
            guard q - p >= 3 else { return nil }
            let info = String(String.UnicodeScalarView(s[q..<line.end])).trimmingSpaces()
            if s[p] == "`" && info.unicodeScalars.contains("`") { return nil }
            return .fence(symbol: s[p], length: q - p, indent: spaces, info: info)
        case "#":
            var q = p
            while q < line.end && s[q] == "#" && q - p < 7 { q += 1 }
            let level = q - p
            guard level <= 6, q == line.end || s[q] == " " else { return nil }
            var end = line.end
            while end > q && s[end - 1] == " " { end -= 1 }
            var closing = end
            while closing > q && s[closing - 1] == "#" { closing -= 1 }
            if closing == q || s[closing - 1] == " " {
                end = closing
                while end > q && s[end - 1] == " " { end -= 1 }
            }
            var begin = q
            while begin < end && s[begin] == " " { begin += 1 }
            return .heading(level: level, content: Line(start: begin, end: end))
        case ">":
            return depth < Self.maxDepth ? .quote : nil
        default:
            if s[p] == "-" || s[p] == "*" || s[p] == "_", isRule(Line(start: p, end: line.end)) { return .rule }
            guard depth < Self.maxDepth else { return nil }
            return marker(line, at: p, indent: spaces).map(Start.item)
        }
    }

    /// CommonMark's rule for what may cut a paragraph short: anything but an empty item or a numbered item not
    /// starting at 1 (so "2019. was a good year" stays a sentence).
    private func interrupts(_ start: Start?) -> Bool {
        guard let start else { return false }
        if case .item(let marker) = start { return !marker.empty && (!marker.ordered || marker.number == 1) }
        return true
    }

    private func isRule(_ line: Line) -> Bool {
        let symbol = s[line.start]
        var count = 0
        for index in line.start..<line.end {
            if s[index] == symbol {
                count += 1
            } else if s[index] != " " {
                return false
            }
        }
        return count >= 3
    }

    private func marker(_ line: Line, at p: Int, indent: Int) -> Marker? {
        var q = p
        var ordered = false, number = 1
        let symbol: Unicode.Scalar
        if s[q] == "-" || s[q] == "+" || s[q] == "*" {
            symbol = s[q]
            q += 1
        } else {
            while q < line.end && q - p < 10 && ("0"..."9").contains(s[q]) { q += 1 }
            guard (1...9).contains(q - p), q < line.end, s[q] == "." || s[q] == ")" else { return nil }
            number = Int(String(String.UnicodeScalarView(s[p..<q]))) ?? 1
            symbol = s[q]
            ordered = true
            q += 1
        }
        if q < line.end && s[q] != " " { return nil }
        var r = q
        while r < line.end && s[r] == " " { r += 1 }
        let empty = r == line.end
        let width = q - p
        let column = empty || r - q > 4 ? indent + width + 1 : indent + width + (r - q)
        return Marker(ordered: ordered, symbol: symbol, number: number, indent: indent, contentColumn: column, empty: empty)
    }

    private func content(_ line: Line, after marker: Marker) -> Line {
        Line(start: min(line.start + marker.contentColumn, line.end), end: line.end)
    }

    // MARK: - Tables

    /// The cells of a row, split at pipes not escaped with a backslash; nil when the line has no pipe at all.
    private func cells(_ line: Line) -> [Line]? {
        let whole = trimmed(line)
        var a = whole.start, b = whole.end
        var hasPipe = false
        var index = a
        while index < b {
            if s[index] == "\\" {
                index += 2
                continue
            }
            if s[index] == "|" {
                hasPipe = true
                break
            }
            index += 1
        }
        guard hasPipe else { return nil }
        if s[a] == "|" { a += 1 }
        if b > a && s[b - 1] == "|" && !(b - 2 >= a && s[b - 2] == "\\") { b -= 1 }
        var result: [Line] = []
        var cellStart = a
        index = a
        while index < b {
            if s[index] == "\\" {
                index += 2
                continue
            }
            if s[index] == "|" {
                result.append(trimmed(Line(start: cellStart, end: index)))
                cellStart = index + 1
            }
            index += 1
        }
        result.append(trimmed(Line(start: cellStart, end: b)))
        return result
    }

    /// GFM: `\|` is a pipe in the cell, code spans included (where a backslash escapes nothing else).
    private func cellText(_ cell: Line) -> [Unicode.Scalar] {
        var text: [Unicode.Scalar] = []
        text.reserveCapacity(cell.end - cell.start)
        var index = cell.start
        while index < cell.end {
            if s[index] == "\\" && index + 1 < cell.end && s[index + 1] == "|" { index += 1 }
            text.append(s[index])
            index += 1
        }
        return text
    }

    private func delimiterRow(_ line: Line) -> [MarkdownTable.Alignment]? {
        guard let cells = cells(line) else { return nil }
        var alignments: [MarkdownTable.Alignment] = []
        for cell in cells {
            guard cell.end > cell.start else { return nil }
            var a = cell.start, b = cell.end
            let left = s[a] == ":", right = s[b - 1] == ":" && b - 1 > a
            if left { a += 1 }
            if right { b -= 1 }
            guard a < b, s[a..<b].allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : MarkdownTable.Alignment.none)
        }
        return alignments
    }

    // MARK: - Helpers

    private func indent(_ line: Line) -> Int {
        var index = line.start
        while index < line.end && s[index] == " " { index += 1 }
        return index - line.start
    }

    private func isBlank(_ line: Line) -> Bool { indent(line) == line.end - line.start }

    private func trimmed(_ line: Line) -> Line {
        var a = line.start, b = line.end
        while a < b && s[a] == " " { a += 1 }
        while b > a && s[b - 1] == " " { b -= 1 }
        return Line(start: a, end: b)
    }

    /// A paragraph's lines joined by `\n`, each without its indentation, the last without trailing spaces.
    private mutating func paragraphInlines(_ lines: [Line]) -> [MarkdownInline] {
        var text: [Unicode.Scalar] = []
        for (number, line) in lines.enumerated() {
            if number > 0 { text.append("\n") }
            var a = line.start, b = line.end
            while a < b && s[a] == " " { a += 1 }
            if number == lines.count - 1 { while b > a && s[b - 1] == " " { b -= 1 } }
            text.append(contentsOf: s[a..<b])
        }
        return inlines(text)
    }

    private mutating func inlines(_ text: [Unicode.Scalar]) -> [MarkdownInline] {
        var parser = MarkdownInlineParser(text, linkBudget: linkBudget)
        let result = parser.parse()
        steps += parser.steps
        linkBudget = parser.linkBudget
        return result
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
