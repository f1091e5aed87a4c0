/// A parsed document as HTML5 for a page's body. Every piece of text goes through `HTMLText.escape`; the only
/// tags are the ones written here, the only attributes an allowed link's `href` (checked by `MarkdownLink`) and
/// fixed values. Headings move two levels down (`#` is `<h3>`, `####` and deeper `<h6>`), so minutes never compete
/// with the page's `<h1>` and `<h2>`; inline tags nest at most `maxInlineDepth` deep (browsers stop building the tree
/// around 512 levels, and what they do then would reach the page around the minutes).
struct MarkdownHTMLWriter {
    static let maxInlineDepth = 24
    static let linkRel = "noopener noreferrer nofollow"

    let language: Language
    private(set) var out = ""

    init(language: Language) {
        self.language = language
    }

    mutating func write(_ blocks: [MarkdownBlock]) {
        for block in blocks { write(block) }
    }

    private mutating func write(_ block: MarkdownBlock) {
        switch block {
        case .paragraph(let inlines):
            out += "<p>"
            write(inlines)
            out += "</p>\n"
        case .heading(let level, let inlines):
            let tag = "h\(min(level + 2, 6))"
            out += "<\(tag)>"
            write(inlines)
            out += "</\(tag)>\n"
        case .code(let language, let text):
            out += "<pre><code"
            if let name = language.flatMap(Self.className) { out += " class=\"language-\(name)\"" }
            out += ">" + HTMLText.escape(text) + "</code></pre>\n"
        case .quote(let blocks):
            out += "<blockquote>\n"
            write(blocks)
            out += "</blockquote>\n"
        case .list(let list):
            write(list)
        case .rule:
            out += "<hr>\n"
        case .table(let table):
            write(table)
        }
    }

    private mutating func write(_ list: MarkdownList) {
        let tag = list.ordered ? "ol" : "ul"
        out += "<\(tag)"
        if list.ordered && list.start != 1 { out += " start=\"\(list.start)\"" }
        if list.items.contains(where: { $0.task != nil }) { out += " class=\"md-tasks\"" }
        out += ">\n"
        for item in list.items {
            var task = item.task
            out += task == nil ? "<li>" : "<li class=\"md-task\">"
            for (index, block) in item.blocks.enumerated() {
                if case .paragraph(let inlines) = block {
                    if !list.tight { out += "<p>" }
                    if let state = task { checkbox(state) }
                    task = nil
                    write(inlines)
                    out += list.tight ? (index < item.blocks.count - 1 ? "\n" : "") : "</p>\n"
                } else {
                    if let state = task { checkbox(state) }
                    task = nil
                    if index == 0 { out += "\n" }
                    write(block)
                }
            }
            if let state = task { checkbox(state) }
            out += "</li>\n"
        }
        out += "</\(tag)>\n"
    }

    /// A disabled checkbox people see, hidden from assistive technology, and the state in words it reads instead:
    /// an unlabelled checkbox is announced as just "checkbox", and a labelled one repeats the item's text.
    private mutating func checkbox(_ state: MarkdownListItem.Task) {
        let done = state == .done
        out += "<input type=\"checkbox\" disabled\(done ? " checked" : "") aria-hidden=\"true\">"
        let words: String
        switch (language, done) {
        case (.ja, true): words = "完了："
        case (.ja, false): words = "未完了："
        case (.en, true): words = "Done:"
        case (.en, false): words = "To do:"
        }
        out += "<span class=\"visually-hidden\">\(words)</span> "
    }

    private mutating func write(_ table: MarkdownTable) {
        out += "<table>\n<thead>\n<tr>"
        for (column, cell) in table.header.enumerated() {
            out += "<th scope=\"col\"\(alignment(table, column))>"
            write(cell)
            out += "</th>"
        }
        out += "</tr>\n</thead>\n"
        if !table.rows.isEmpty {
            out += "<tbody>\n"
            for row in table.rows {
                out += "<tr>"
                for (column, cell) in row.enumerated() {
                    out += "<td\(alignment(table, column))>"
                    write(cell)
                    out += "</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    /// A class, not a `style` attribute: the pages' Content-Security-Policy admits no inline style.
    private func alignment(_ table: MarkdownTable, _ column: Int) -> String {
        switch column < table.alignments.count ? table.alignments[column] : .none {
        case .none: return ""
        case .left: return " class=\"md-align-left\""
        case .center: return " class=\"md-align-center\""
        case .right: return " class=\"md-align-right\""
        }
    }

    /// An info string's first word as a class name: letters, digits and `+-#._` only, so `c++` and `objective-c`
    /// keep their names and nothing else reaches the attribute.
    private static func className(_ word: String) -> String? {
        let kept = word.unicodeScalars.prefix(32).filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-#._".unicodeScalars.contains($0))
        }
        return kept.isEmpty ? nil : String(String.UnicodeScalarView(kept))
    }

    // MARK: - Inline

    private enum Frame {
        case anchor(mark: Int)
        case plain
        case image(mark: Int)
    }

    private mutating func write(_ inlines: [MarkdownInline]) {
        var depth = 0
        var anchors = 0
        var frames: [Frame] = []
        for token in inlines {
            switch token {
            case .text(let text):
                out += HTMLText.escape(text)
            case .lineBreak:
                out += "<br>\n"
            case .code(let code):
                out += "<code>" + HTMLText.escape(code) + "</code>"
            case .open(let style):
                depth += 1
                if depth <= Self.maxInlineDepth { out += "<\(Self.tag(style))>" }
            case .close(let style):
                if depth <= Self.maxInlineDepth { out += "</\(Self.tag(style))>" }
                depth -= 1
            case .linkOpen(let link):
                depth += 1
                if let href = link.href, anchors == 0, depth <= Self.maxInlineDepth {
                    out += anchor(href)
                    anchors += 1
                    frames.append(.anchor(mark: out.utf8.count))
                } else {
                    frames.append(.plain)
                }
            case .linkClose(let link):
                switch frames.popLast() {
                case .anchor(let mark)?:
                    // A link needs words to be announced by: `[](https://…)` shows its address.
                    if out.utf8.count == mark { out += HTMLText.escape(link.destination) }
                    out += "</a>"
                    anchors -= 1
                default:
                    // A refused destination is shown as text, so the reader still sees what was written.
                    if link.href == nil && !link.destination.isEmpty { out += " (" + HTMLText.escape(link.destination) + ")" }
                }
                depth -= 1
            case .imageOpen:
                depth += 1
                frames.append(.image(mark: out.utf8.count))
            case .imageClose(let link):
                let mark: Int
                if case .image(let start)? = frames.popLast() { mark = start } else { mark = out.utf8.count }
                if !link.destination.isEmpty {
                    let address: String
                    if let href = link.href, anchors == 0, depth <= Self.maxInlineDepth {
                        address = anchor(href) + HTMLText.escape(link.destination) + "</a>"
                    } else {
                        address = HTMLText.escape(link.destination)
                    }
                    out += out.utf8.count == mark ? address : " (" + address + ")"
                }
                depth -= 1
            }
        }
    }

    private func anchor(_ href: String) -> String {
        "<a href=\"\(HTMLText.escape(href))\" rel=\"\(Self.linkRel)\">"
    }

    private static func tag(_ style: MarkdownInline.Style) -> String {
        switch style {
        case .emphasis: return "em"
        case .strong: return "strong"
        case .strikethrough: return "del"
        }
    }
}
