/// The text of one paragraph, heading or cell to inline tokens: backslash escapes, code spans, emphasis, strong and
/// `~~strikethrough~~`, links, images (shown, never loaded), `<…>` autolinks, bare `http(s)://` addresses and line
/// breaks. CommonMark's algorithm (its delimiter stack with "openers bottom", the bracket stack, links not inside
/// links), kept linear on hostile input:
/// - each delimiter character becomes one token that a match rewrites in place — nothing is inserted or moved;
/// - code spans find their closing run by binary search in an index of backtick runs built once;
/// - the `(destination "title")` after a `]` is read against a budget shared by the whole document (8 scalars per
///   scalar of input, then `](` is text): a link that parses reads its own text once, so only failed attempts —
///   `[a](` repeated, say — ever come near it;
/// - an autolink's scan stops at the next `<`, so no two scans cover the same text.
/// Character references (`&amp;`) are not decoded: they are shown as typed, and links never hide a scheme in them.
struct MarkdownInlineParser {
    private struct Delimiter {
        let symbol: Unicode.Scalar
        let length: Int
        /// The run's unmatched characters are tokens `low..<high`: a closer gives up its first ones, an opener its
        /// last ones, so what a match wraps nests inside what an earlier match wrapped.
        var low: Int
        var high: Int
        let canOpen: Bool
        let canClose: Bool
        var previous: Int
        var next: Int
    }

    private struct Bracket {
        let token: Int
        let image: Bool
        /// The last delimiter before the bracket: emphasis inside the link text is resolved above it.
        let bottom: Int
    }

    private let s: [Unicode.Scalar]
    private var tokens: [MarkdownInline] = []
    private var pending = String.UnicodeScalarView()
    private var delimiters: [Delimiter] = []
    private var last = -1
    private var brackets: [Bracket] = []
    /// Links may not contain links: a `[` whose token comes before the last link's start is inactive.
    private var linkFloor = -1
    private var backtickRuns: [Int: [Int]]?
    private(set) var steps = 0
    private(set) var linkBudget: Int

    init(_ text: [Unicode.Scalar], linkBudget: Int) {
        s = text
        self.linkBudget = linkBudget
    }

    mutating func parse() -> [MarkdownInline] {
        var i = 0
        let n = s.count
        while i < n {
            steps += 1
            let c = s[i]
            switch c {
            case "\\":
                i = backslash(at: i)
            case "`":
                i = codeSpan(at: i)
            case "*", "_", "~":
                i = delimiterRun(at: i)
            case "[":
                push(.text("["))
                brackets.append(Bracket(token: tokens.count - 1, image: false, bottom: last))
                i += 1
            case "!" where i + 1 < n && s[i + 1] == "[":
                push(.text("!["))
                brackets.append(Bracket(token: tokens.count - 1, image: true, bottom: last))
                i += 2
            case "]":
                i = closeBracket(at: i)
            case "<":
                i = autolink(at: i)
            case "\n":
                lineBreak()
                i += 1
            case "h", "H":
                i = bareAddress(at: i)
            default:
                pending.append(c)
                i += 1
            }
        }
        flush()
        processEmphasis(above: -1)
        return compacted()
    }

    // MARK: - Tokens

    private mutating func flush() {
        if !pending.isEmpty {
            tokens.append(.text(String(pending)))
            pending = String.UnicodeScalarView()
        }
    }

    private mutating func push(_ token: MarkdownInline) {
        flush()
        tokens.append(token)
    }

    /// Adjacent text joined, the empty tokens a strong match leaves behind dropped.
    private func compacted() -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        result.reserveCapacity(tokens.count)
        var text = ""
        for token in tokens {
            if case .text(let piece) = token {
                text += piece
                continue
            }
            if !text.isEmpty {
                result.append(.text(text))
                text = ""
            }
            result.append(token)
        }
        if !text.isEmpty { result.append(.text(text)) }
        return result
    }

    // MARK: - Escapes, breaks, code

    private mutating func backslash(at i: Int) -> Int {
        guard i + 1 < s.count else {
            pending.append("\\")
            return i + 1
        }
        let next = s[i + 1]
        if next == "\n" {
            lineBreak()
            return i + 2
        }
        if Self.isASCIIPunctuation(next) {
            pending.append(next)
            return i + 2
        }
        pending.append("\\")
        return i + 1
    }

    private mutating func lineBreak() {
        while pending.last == " " { pending.removeLast() }
        push(.lineBreak)
    }

    private mutating func codeSpan(at i: Int) -> Int {
        var j = i
        while j < s.count && s[j] == "`" { j += 1 }
        let length = j - i
        steps += length
        if backtickRuns == nil { indexBacktickRuns() }
        if let runs = backtickRuns?[length], let close = Self.first(in: runs, atLeast: j) {
            var content = Array(s[j..<close]).map { $0 == "\n" ? " " : $0 }
            steps += content.count
            if content.count >= 2, content.first == " ", content.last == " ", content.contains(where: { $0 != " " }) {
                content = Array(content.dropFirst().dropLast())
            }
            push(.code(String(String.UnicodeScalarView(content))))
            return close + length
        }
        pending.append(contentsOf: repeatElement("`", count: length))
        return j
    }

    /// Every maximal run of backticks by length, in order: a code span closes at the first run of its length.
    private mutating func indexBacktickRuns() {
        var runs: [Int: [Int]] = [:]
        var i = 0
        while i < s.count {
            steps += 1
            guard s[i] == "`" else {
                i += 1
                continue
            }
            var j = i
            while j < s.count && s[j] == "`" { j += 1 }
            runs[j - i, default: []].append(i)
            i = j
        }
        backtickRuns = runs
    }

    private static func first(in sorted: [Int], atLeast value: Int) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count ? sorted[low] : nil
    }

    // MARK: - Emphasis

    private mutating func delimiterRun(at i: Int) -> Int {
        let symbol = s[i]
        var j = i
        while j < s.count && s[j] == symbol { j += 1 }
        let length = j - i
        steps += length
        // Only `~~` strikes through: a single `~` is how Japanese writes ranges ("10~20日").
        if symbol == "~" && length != 2 {
            pending.append(contentsOf: repeatElement(symbol, count: length))
            return j
        }
        let before: Unicode.Scalar = i > 0 ? s[i - 1] : "\n"
        let after: Unicode.Scalar = j < s.count ? s[j] : "\n"
        let beforeSpace = Self.isWhitespace(before), afterSpace = Self.isWhitespace(after)
        let beforePunctuation = Self.isPunctuation(before), afterPunctuation = Self.isPunctuation(after)
        // Beside Japanese text, which has no spaces, a run next to punctuation still opens or closes:
        // "**「重要」**です" is strong, as the CJK-friendly amendment to CommonMark proposes.
        let left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation || Self.isCJK(before))
        let right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation || Self.isCJK(after))
        let canOpen = symbol == "_" ? left && (!right || beforePunctuation) : left
        let canClose = symbol == "_" ? right && (!left || afterPunctuation) : right
        flush()
        let first = tokens.count
        for _ in 0..<length { tokens.append(.text(String(symbol))) }
        if canOpen || canClose {
            delimiters.append(
                Delimiter(
                    symbol: symbol, length: length, low: first, high: first + length, canOpen: canOpen,
                    canClose: canClose, previous: last, next: -1))
            let index = delimiters.count - 1
            if last >= 0 { delimiters[last].next = index }
            last = index
        }
        return j
    }

    private mutating func remove(_ index: Int) {
        let previous = delimiters[index].previous, next = delimiters[index].next
        if previous >= 0 { delimiters[previous].next = next }
        if next >= 0 { delimiters[next].previous = previous } else { last = previous }
    }

    /// CommonMark's "process emphasis" over the delimiters after `bottom`. Delimiter indices grow along the list,
    /// so "openers bottom" is an index to stay above, valid even after the delimiter it names is removed.
    private mutating func processEmphasis(above bottom: Int) {
        var first = -1
        var cursor = last
        while cursor > bottom {
            steps += 1
            first = cursor
            cursor = delimiters[cursor].previous
        }
        var openersBottom: [Int: Int] = [:]
        var current = first
        while current >= 0 {
            steps += 1
            let closer = delimiters[current]
            guard closer.canClose else {
                current = closer.next
                continue
            }
            let key = Int(closer.symbol.value) * 8 + (closer.canOpen ? 4 : 0) + closer.length % 3
            let floor = max(bottom, openersBottom[key] ?? bottom)
            var opener = closer.previous
            var found = false
            while opener > floor {
                steps += 1
                let candidate = delimiters[opener]
                if candidate.symbol == closer.symbol && candidate.canOpen && Self.pairs(candidate, closer) {
                    found = true
                    break
                }
                opener = candidate.previous
            }
            guard found else {
                openersBottom[key] = closer.previous
                let next = closer.next
                if !closer.canOpen { remove(current) }
                current = next
                continue
            }
            let open = delimiters[opener]
            let use = closer.symbol == "~" ? 2 : (open.high - open.low >= 2 && closer.high - closer.low >= 2 ? 2 : 1)
            let style: MarkdownInline.Style =
                closer.symbol == "~" ? .strikethrough : use == 2 ? .strong : .emphasis
            tokens[open.high - use] = .open(style)
            if use == 2 { tokens[open.high - 1] = .text("") }
            tokens[closer.low] = .close(style)
            if use == 2 { tokens[closer.low + 1] = .text("") }
            delimiters[opener].high -= use
            delimiters[current].low += use
            var between = delimiters[opener].next
            while between != current && between >= 0 {
                steps += 1
                let next = delimiters[between].next
                remove(between)
                between = next
            }
            if delimiters[opener].high == delimiters[opener].low { remove(opener) }
            if delimiters[current].high == delimiters[current].low {
                let next = delimiters[current].next
                remove(current)
                current = next
            }
        }
        while last > bottom {
            steps += 1
            remove(last)
        }
    }

    /// CommonMark's "rule of three" for `*` and `_`; `~~` pairs only with `~~`.
    private static func pairs(_ opener: Delimiter, _ closer: Delimiter) -> Bool {
        if closer.symbol == "~" { return opener.length == 2 && closer.length == 2 }
        let oddMatch = (closer.canOpen || opener.canClose) && closer.length % 3 != 0
            && (opener.length + closer.length) % 3 == 0
        return !oddMatch
    }

    // MARK: - Links

    private mutating func closeBracket(at i: Int) -> Int {
        guard let top = brackets.last else {
            pending.append("]")
            return i + 1
        }
        brackets.removeLast()
        guard top.image || top.token > linkFloor, let (destination, end) = linkTail(at: i + 1) else {
            pending.append("]")
            return i + 1
        }
        let link = MarkdownLink(destination)
        flush()
        tokens[top.token] = top.image ? .imageOpen(link) : .linkOpen(link)
        tokens.append(top.image ? .imageClose(link) : .linkClose(link))
        processEmphasis(above: top.bottom)
        if !top.image { linkFloor = top.token }
        return end
    }

    /// `(destination "title")` after `]`: the destination, without its escapes, and where the link ends. The
    /// title is read so the link parses, and dropped (a tooltip nobody can reach by keyboard).
    private mutating func linkTail(at start: Int) -> (String, Int)? {
        let n = s.count
        guard start < n, s[start] == "(" else { return nil }
        var k = start + 1
        var destination = String.UnicodeScalarView()
        guard skipSpace(&k) else { return nil }
        if k < n && s[k] == "<" {
            k += 1
            while true {
                guard k < n, spend() else { return nil }
                let c = s[k]
                if c == ">" {
                    k += 1
                    break
                }
                if c == "\n" || c == "<" { return nil }
                if c == "\\", k + 1 < n, Self.isASCIIPunctuation(s[k + 1]) {
                    destination.append(s[k + 1])
                    k += 2
                    continue
                }
                destination.append(c)
                k += 1
            }
        } else {
            var depth = 0
            while k < n {
                guard spend() else { return nil }
                let c = s[k]
                if c.value <= 0x20 { break }
                if c == "\\", k + 1 < n, Self.isASCIIPunctuation(s[k + 1]) {
                    destination.append(s[k + 1])
                    k += 2
                    continue
                }
                if c == "(" {
                    depth += 1
                    if depth > 32 { return nil }
                } else if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                destination.append(c)
                k += 1
            }
            if depth != 0 { return nil }
        }
        let afterDestination = k
        guard skipSpace(&k) else { return nil }
        if k > afterDestination, k < n, s[k] == "\"" || s[k] == "'" || s[k] == "(" {
            let close: Unicode.Scalar = s[k] == "(" ? ")" : s[k]
            k += 1
            while true {
                guard k < n, spend() else { return nil }
                if s[k] == "\\" && k + 1 < n {
                    k += 2
                    continue
                }
                if s[k] == close {
                    k += 1
                    break
                }
                if close == ")" && s[k] == "(" { return nil }
                k += 1
            }
            guard skipSpace(&k) else { return nil }
        }
        guard k < n, s[k] == ")" else { return nil }
        return (String(destination), k + 1)
    }

    /// One scalar of a link's tail read; false when the document's budget for them is spent.
    private mutating func spend() -> Bool {
        steps += 1
        linkBudget -= 1
        return linkBudget > 0
    }

    private mutating func skipSpace(_ k: inout Int) -> Bool {
        while k < s.count && (s[k] == " " || s[k] == "\n") {
            guard spend() else { return false }
            k += 1
        }
        return true
    }

    /// `<scheme:…>` and `<name@example.com>`. A refused scheme is shown as the text it is; anything else that
    /// is not an autolink (raw HTML among it) is a `<` like any other character.
    private mutating func autolink(at i: Int) -> Int {
        var k = i + 1
        while k < s.count && k - i <= 2048 {
            steps += 1
            let c = s[k]
            if c == ">" || c == "<" || c.value <= 0x20 { break }
            k += 1
        }
        guard k < s.count, s[k] == ">", k > i + 1 else {
            pending.append("<")
            return i + 1
        }
        let body = Array(s[(i + 1)..<k])
        let text = String(String.UnicodeScalarView(body))
        if Self.isSchemed(body) {
            let link = MarkdownLink(text)
            if link.href == nil {
                pending.append(contentsOf: s[i...k])
            } else {
                pushLink(link, text: text)
            }
            return k + 1
        }
        if Self.isEmail(body) {
            pushLink(MarkdownLink("mailto:" + text), text: text)
            return k + 1
        }
        pending.append("<")
        return i + 1
    }

    /// GFM's extended autolink for `http://` and `https://`, ending at a space, a `<` or — for Japanese, which
    /// writes "https://example.com/を参照" without a space — the first non-ASCII character; trailing punctuation
    /// and unbalanced `)` stay outside.
    private mutating func bareAddress(at i: Int) -> Int {
        let n = s.count
        let before: Unicode.Scalar = i > 0 ? s[i - 1] : " "
        let boundary = Self.isWhitespace(before) || "*_~(".unicodeScalars.contains(before) || before.value > 0x7F
        var prefix = 0
        for scheme in ["https://", "http://"] where prefix == 0 && boundary {
            let letters = Array(scheme.unicodeScalars)
            if i + letters.count < n, zip(letters, s[i..<(i + letters.count)]).allSatisfy({ $0 == Self.lowercased($1) }) {
                prefix = letters.count
            }
        }
        let host = i + prefix
        guard prefix > 0, host < n, s[host].properties.isAlphabetic || ("0"..."9").contains(s[host]) || s[host] == "[",
            s[host].value < 0x80
        else {
            pending.append(s[i])
            return i + 1
        }
        var end = host
        var opened = 0, closed = 0
        while end < n && s[end].value > 0x20 && s[end].value < 0x7F && s[end] != "<" {
            steps += 1
            if s[end] == "(" { opened += 1 }
            if s[end] == ")" { closed += 1 }
            end += 1
        }
        while end > host + 1 {
            let c = s[end - 1]
            if "?!.,:*_~'\";".unicodeScalars.contains(c) {
                end -= 1
            } else if c == ")" && closed > opened {
                closed -= 1
                end -= 1
            } else {
                break
            }
        }
        let text = String(String.UnicodeScalarView(s[i..<end]))
        pushLink(MarkdownLink(text), text: text)
        return end
    }

    private mutating func pushLink(_ link: MarkdownLink, text: String) {
        push(.linkOpen(link))
        tokens.append(.text(text))
        tokens.append(.linkClose(link))
    }

    // MARK: - Characters

    static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (0x21...0x2F ~= c.value || 0x3A...0x40 ~= c.value || 0x5B...0x60 ~= c.value || 0x7B...0x7E ~= c.value)
    }

    private static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" || c.properties.generalCategory == .spaceSeparator
    }

    private static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func isCJK(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x1100...0x11FF, 0x2E80...0x303F, 0x3040...0x30FF, 0x3100...0x31FF, 0x3200...0x4DBF, 0x4E00...0x9FFF,
            0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    private static func lowercased(_ c: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c
    }

    private static func isSchemed(_ body: [Unicode.Scalar]) -> Bool {
        guard let colon = body.firstIndex(of: ":"), (2...32).contains(colon), body[0].isASCII,
            body[0].properties.isAlphabetic
        else { return false }
        return body[1..<colon].allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+.-".unicodeScalars.contains($0)) }
    }

    private static func isEmail(_ body: [Unicode.Scalar]) -> Bool {
        guard let at = body.firstIndex(of: "@"), at > 0, at < body.count - 1 else { return false }
        let local = body[..<at], domain = body[(at + 1)...]
        let localAllowed = Set(".!#$%&'*+/=?^_`{|}~-".unicodeScalars)
        func alphanumeric(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c)) }
        guard local.allSatisfy({ alphanumeric($0) || localAllowed.contains($0) }) else { return false }
        guard domain.allSatisfy({ alphanumeric($0) || $0 == "." || $0 == "-" }),
            let first = domain.first, let end = domain.last, alphanumeric(first), alphanumeric(end)
        else { return false }
        return true
    }
}
