/// Minutes, decisions and agenda notes are written in Markdown; this renders them. Our own small renderer, because
/// no Markdown package is in the package mirror (swift-markdown is not), and strict because what it renders was
/// typed by someone else and is shown to everyone in the meeting:
/// - every character of the source reaches the page escaped; raw HTML is shown as the text it is;
/// - a link goes only to `http:`, `https:`, `mailto:` or a path on this site (`/…`), always with
///   `rel="noopener noreferrer nofollow"`; any other destination is shown as text (`MarkdownLink`);
/// - images are never loaded: their description and address are shown;
/// - time grows linearly with the input and nesting is capped, whatever the input (50,000 `[` or `*` included).
///
/// The dialect is the CommonMark people use in minutes: paragraphs (every line end a line break), ATX headings
/// (moved two levels down: `#` is `<h3>`), bulleted and numbered lists nested by indentation, task items
/// (`- [ ]`, `- [x]`), emphasis, strong, `~~strikethrough~~`, code spans and fenced code, block quotes, links and
/// autolinks (`<https://…>` and bare `https://…`), rules, and GFM tables. Not supported: indented code, setext
/// headings, raw HTML, reference links, character references (shown as typed). `MarkdownBlockParser` says why.
public enum Markdown {
    /// The source as an HTML5 fragment for a page's body. `language` is the page's: task items carry their state
    /// in words for screen readers ("Done:", "完了：").
    public static func html(_ source: String, language: Language = .en) -> String {
        var writer = MarkdownHTMLWriter(language: language)
        writer.write(document(source).blocks)
        return writer.out
    }

    /// The source's text without markup (see `MarkdownPlainTextWriter`), for a notification or a calendar entry.
    public static func plainText(_ source: String) -> String {
        MarkdownPlainTextWriter().text(document(source).blocks)
    }

    static func document(_ source: String) -> MarkdownDocument {
        MarkdownBlockParser.parse(source)
    }
}
