/// What the Markdown parser hands the writers: blocks holding already-parsed inline content. Inline content is a
/// flat run of tokens whose opening and closing tokens nest properly by construction, so the writers never recurse
/// into it (50,000 nested emphases cost a loop, not a stack).
struct MarkdownDocument: Sendable, Equatable {
    var blocks: [MarkdownBlock]
    /// The parser's work, counted in scalars examined and delimiters visited — what the tests bound, because a
    /// count means the same on a slow CI machine and a fast laptop where wall time does not.
    var steps: Int
}

indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline])
    /// `level` as written (1–6); the HTML writer moves it two levels down.
    case heading(level: Int, [MarkdownInline])
    case code(language: String?, text: String)
    case quote([MarkdownBlock])
    case list(MarkdownList)
    case rule
    case table(MarkdownTable)
}

struct MarkdownList: Sendable, Equatable {
    var ordered: Bool
    var start: Int
    /// CommonMark's tight list: no blank line between items or inside one, so items hold bare text, not paragraphs.
    var tight: Bool
    var items: [MarkdownListItem]
}

struct MarkdownListItem: Sendable, Equatable {
    enum Task: Sendable, Equatable { case open, done }
    var task: Task?
    var blocks: [MarkdownBlock]
}

struct MarkdownTable: Sendable, Equatable {
    enum Alignment: Sendable, Equatable { case none, left, center, right }
    var alignments: [Alignment]
    var header: [[MarkdownInline]]
    var rows: [[[MarkdownInline]]]
}

enum MarkdownInline: Sendable, Equatable {
    enum Style: Sendable, Equatable { case emphasis, strong, strikethrough }
    case text(String)
    /// Every line end inside a paragraph: minutes are typed line by line and Japanese has no spaces to join
    /// lines with, so a soft break is kept as a break (as GitHub does in comments).
    case lineBreak
    case code(String)
    case open(Style)
    case close(Style)
    case linkOpen(MarkdownLink)
    case linkClose(MarkdownLink)
    /// An image is never loaded: its description is shown, then its address.
    case imageOpen(MarkdownLink)
    case imageClose(MarkdownLink)
}
