/// A parsed document as plain text, for a notification's body and an iCalendar DESCRIPTION: the words without the
/// markup, blocks separated by a blank line, list items by `- ` or their number (`[x] ` / `[ ] ` for tasks), a
/// link's address after its text, table cells joined by ` | `. It is text, not HTML: whoever puts it into another
/// format escapes it for that format.
struct MarkdownPlainTextWriter {
    func text(_ blocks: [MarkdownBlock]) -> String {
        blocks.map(text).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    private func text(_ block: MarkdownBlock) -> String {
        switch block {
        case .paragraph(let inlines), .heading(_, let inlines):
            return text(inlines)
        case .code(_, let code):
            return code.hasSuffix("\n") ? String(code.dropLast()) : code
        case .quote(let blocks):
            return Self.indented(text(blocks), first: "> ", rest: "> ")
        case .list(let list):
            let items = list.items.enumerated().map { index, item in
                var marker = list.ordered ? "\(list.start + index). " : "- "
                switch item.task {
                case .done?: marker += "[x] "
                case .open?: marker += "[ ] "
                case nil: break
                }
                let body = item.blocks.map(text).filter { !$0.isEmpty }.joined(separator: list.tight ? "\n" : "\n\n")
                return Self.indented(body, first: marker, rest: String(repeating: " ", count: marker.count))
            }
            return items.joined(separator: list.tight ? "\n" : "\n\n")
        case .rule:
            return "----"
        case .table(let table):
            let rows = [table.header] + table.rows
            return rows.map { row in
                var line = row.map(text).joined(separator: " | ")
                while line.hasSuffix(" ") { line.removeLast() }
                return line
            }.joined(separator: "\n")
        }
    }

    private func text(_ inlines: [MarkdownInline]) -> String {
        var out = ""
        var marks: [Int] = []
        for token in inlines {
            switch token {
            case .text(let text), .code(let text):
                out += text
            case .lineBreak:
                out += "\n"
            case .open, .close:
                break
            case .linkOpen, .imageOpen:
                marks.append(out.utf8.count)
            case .linkClose(let link), .imageClose(let link):
                let mark = marks.popLast() ?? out.utf8.count
                let shown = String(decoding: out.utf8.dropFirst(mark), as: UTF8.self)
                if link.destination.isEmpty || shown == link.destination || "mailto:" + shown == link.destination { break }
                out += shown.isEmpty ? link.destination : " (" + link.destination + ")"
            }
        }
        return out
    }

    private static func indented(_ text: String, first: String, rest: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { index, line in
                let prefix = index == 0 ? first : rest
                return line.isEmpty ? String(prefix.reversed().drop { $0 == " " }.reversed()) : prefix + line
            }
            .joined(separator: "\n")
    }
}
