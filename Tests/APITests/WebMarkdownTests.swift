import Foundation
import Testing
@testable import Web

/// The Markdown of minutes, decisions and agenda notes: each construct as HTML and as plain text, an attack corpus
/// that must never yield a tag, attribute or link that runs anything, and work that grows linearly with hostile
/// input.
@Suite struct WebMarkdownTests {
    static let rel = #"rel="noopener noreferrer nofollow""#

    // MARK: - Constructs

    @Test func paragraphsKeepEveryLineBreak() {
        #expect(Markdown.html("one\ntwo  \nthree\\\nfour\n\nnext") == "<p>one<br>\ntwo<br>\nthree<br>\nfour</p>\n<p>next</p>\n")
    }

    /// Code points HTML forbids would make the page invalid; Windows and old Mac line ends are line ends.
    @Test func forbiddenCodePointsAreReplacedAndLineEndsNormalised() {
        #expect(Markdown.html("a\u{0}b\u{7}c\u{85}d\r\ne\rf") == "<p>a\u{FFFD}b\u{FFFD}c\u{FFFD}d<br>\ne<br>\nf</p>\n")
        #expect(Markdown.html("") == "")
    }

    @Test func headingsMoveTwoLevelsDown() {
        let html = Markdown.html("# One #\n## Two\n### Three\n#### Four\n###### Six\n####### seven\n#no")
        #expect(html == "<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Four</h6>\n<h6>Six</h6>\n<p>####### seven<br>\n#no</p>\n")
        #expect(Markdown.html("#\n") == "", "an empty heading is no heading")
    }

    @Test func emphasisStrongStrikethroughAndCode() {
        #expect(
            Markdown.html("*a* _b_ **c** __d__ ***e*** ~~f~~ `g` snake_case_name 10~20")
                == "<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <em><strong>e</strong></em> <del>f</del> <code>g</code> snake_case_name 10~20</p>\n")
        #expect(Markdown.html("*a **b** c*") == "<p><em>a <strong>b</strong> c</em></p>\n")
        #expect(Markdown.html("`` a ` b `` and `<b>`") == "<p><code>a ` b</code> and <code>&lt;b&gt;</code></p>\n")
        #expect(Markdown.html("\\*not\\* \\`x\\` and `unclosed") == "<p>*not* `x` and `unclosed</p>\n")
    }

    @Test func fencedCodeIsEscapedAndNamesItsLanguage() {
        let html = Markdown.html("```swift\nlet tag = \"<script>\"\n\n# not a heading\n```\nafter\n~~~\nraw\n")
        #expect(html == "<pre><code class=\"language-swift\">let tag = &quot;&lt;script&gt;&quot;\n\n# not a heading\n</code></pre>\n<p>after</p>\n<pre><code>raw\n</code></pre>\n")
        #expect(Markdown.html("```js\"onclick=\"x\nc\n```").hasPrefix("<pre><code class=\"language-jsonclickx\">"))
    }

    @Test func listsNestByIndentation() {
        let html = Markdown.html("- a\n- b\n  - c\n    1. d\n  - e\n- f\n\n3) three\n4) four")
        #expect(html == """
            <ul>
            <li>a</li>
            <li>b
            <ul>
            <li>c
            <ol>
            <li>d</li>
            </ol>
            </li>
            <li>e</li>
            </ul>
            </li>
            <li>f</li>
            </ul>
            <ol start="3">
            <li>three</li>
            <li>four</li>
            </ol>

            """)
        // Two spaces nest under a number too, the way people type it.
        #expect(Markdown.html("1. a\n  - b") == "<ol>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ol>\n")
        // A blank line between items makes the list loose: its items hold paragraphs.
        #expect(Markdown.html("- a\n\n  more\n- b") == "<ul>\n<li><p>a</p>\n<p>more</p>\n</li>\n<li><p>b</p>\n</li>\n</ul>\n")
        // A number other than 1 does not interrupt a sentence.
        #expect(Markdown.html("We met in\n2019. It rained.") == "<p>We met in<br>\n2019. It rained.</p>\n")
    }

    @Test func taskItemsAreDisabledCheckboxesWithTheirStateInWords() {
        let english = Markdown.html("- [x] Send the contract\n- [ ] Call Acme\n- [y] not a task")
        #expect(english == """
            <ul class="md-tasks">
            <li class="md-task"><input type="checkbox" disabled checked aria-hidden="true"><span class="visually-hidden">Done:</span> Send the contract</li>
            <li class="md-task"><input type="checkbox" disabled aria-hidden="true"><span class="visually-hidden">To do:</span> Call Acme</li>
            <li>[y] not a task</li>
            </ul>

            """)
        let japanese = Markdown.html("- [X] 契約書を送る\n- [ ] 電話する", language: .ja)
        #expect(japanese.contains(#"checked aria-hidden="true"><span class="visually-hidden">完了：</span> 契約書を送る"#))
        #expect(japanese.contains(#"<span class="visually-hidden">未完了：</span> 電話する"#))
        #expect(Markdown.plainText("- [x] done\n- [ ] open") == "- [x] done\n- [ ] open")
    }

    @Test func blockquotesRulesAndLazyLines() {
        #expect(Markdown.html("> quoted\nlazy\n> > inner\n\n---\n***") == """
            <blockquote>
            <p>quoted<br>
            lazy</p>
            <blockquote>
            <p>inner</p>
            </blockquote>
            </blockquote>
            <hr>
            <hr>

            """)
    }

    @Test func linksAndAutolinks() {
        #expect(Markdown.html("[site](https://example.com/a?b=1&c=2 \"title\")")
            == "<p><a href=\"https://example.com/a?b=1&amp;c=2\" \(Self.rel)>site</a></p>\n")
        #expect(Markdown.html("[goal](/goals/42) [mail](mailto:cs@example.com) [](https://e.example)")
            == "<p><a href=\"/goals/42\" \(Self.rel)>goal</a> <a href=\"mailto:cs@example.com\" \(Self.rel)>mail</a> <a href=\"https://e.example\" \(Self.rel)>https://e.example</a></p>\n")
        #expect(Markdown.html("<https://example.com/x> <cs@example.com> see https://example.com/y).")
            == "<p><a href=\"https://example.com/x\" \(Self.rel)>https://example.com/x</a> <a href=\"mailto:cs@example.com\" \(Self.rel)>cs@example.com</a> see <a href=\"https://example.com/y\" \(Self.rel)>https://example.com/y</a>).</p>\n")
        #expect(Markdown.html("[a](</path with space>) [b](/x(y)z)")
            == "<p><a href=\"/path%20with%20space\" \(Self.rel)>a</a> <a href=\"/x(y)z\" \(Self.rel)>b</a></p>\n")
        // No link inside a link; the inner one wins, as in CommonMark.
        #expect(Markdown.html("[a [b](/x) c](/y)") == "<p>[a <a href=\"/x\" \(Self.rel)>b</a> c](/y)</p>\n")
        // Leaving the site through a path that starts like one is not a path.
        #expect(Markdown.html("[a](//evil.example) [b](/\\evil.example)") == "<p>a (//evil.example) b (/\\evil.example)</p>\n")
    }

    @Test func imagesAreShownAsTheirDescriptionAndAddress() {
        #expect(Markdown.html("![chart](https://example.com/c.png)")
            == "<p>chart (<a href=\"https://example.com/c.png\" \(Self.rel)>https://example.com/c.png</a>)</p>\n")
        #expect(Markdown.html("[![badge](https://e.example/b.svg)](https://e.example/)")
            == "<p><a href=\"https://e.example/\" \(Self.rel)>badge (https://e.example/b.svg)</a></p>\n")
        #expect(!Markdown.html("![x](https://e.example/x.png)").contains("<img"))
    }

    @Test func tablesWithAlignment() {
        let html = Markdown.html("| 顧客 | 金額 | 状態 |\n|:--|--:|:-:|\n| Acme | 1,000 | `a\\|b` |\n| 多い | 2 | 3 | 4 |\n| 少ない")
        #expect(html == """
            <table>
            <thead>
            <tr><th scope="col" class="md-align-left">顧客</th><th scope="col" class="md-align-right">金額</th><th scope="col" class="md-align-center">状態</th></tr>
            </thead>
            <tbody>
            <tr><td class="md-align-left">Acme</td><td class="md-align-right">1,000</td><td class="md-align-center"><code>a|b</code></td></tr>
            <tr><td class="md-align-left">多い</td><td class="md-align-right">2</td><td class="md-align-center">3</td></tr>
            <tr><td class="md-align-left">少ない</td><td class="md-align-right"></td><td class="md-align-center"></td></tr>
            </tbody>
            </table>

            """)
        #expect(Markdown.plainText("| a | b |\n|---|---|\n| 1 | 2 |") == "a | b\n1 | 2")
        #expect(Markdown.html("a | b\n---") == "<p>a | b</p>\n<hr>\n", "a rule is not a one-column table")
    }

    @Test func japaneseMinutes() {
        let source = """
            # 定例会議 議事録

            **「解約リスク」**が高い顧客は**3社**です。資料はhttps://example.com/docを参照。
            *次回*までに_山田_さんが確認。範囲は10~20日。

            - [x] 契約書を送付（担当：佐藤）
            - [ ] ヘルススコアの見直し
            """
        let html = Markdown.html(source, language: .ja)
        #expect(html.hasPrefix("<h3>定例会議 議事録</h3>\n"))
        #expect(html.contains("<strong>「解約リスク」</strong>が高い顧客は<strong>3社</strong>です。"))
        #expect(html.contains("資料は<a href=\"https://example.com/doc\" \(Self.rel)>https://example.com/doc</a>を参照。"))
        #expect(html.contains("<em>次回</em>までに_山田_さんが確認。範囲は10~20日。"))
        #expect(Markdown.plainText(source) == """
            定例会議 議事録

            「解約リスク」が高い顧客は3社です。資料はhttps://example.com/docを参照。
            次回までに_山田_さんが確認。範囲は10~20日。

            - [x] 契約書を送付（担当：佐藤）
            - [ ] ヘルススコアの見直し
            """)
    }

    @Test func plainTextDropsTheMarkup() {
        let source = "## Decisions\n\n1. Renew **Acme** ([contract](https://e.example/c))\n2. `Q3` review\n\n> quoted\n\n```\ncode <b>\n```\n\n<https://e.example>"
        #expect(Markdown.plainText(source) == """
            Decisions

            1. Renew Acme (contract (https://e.example/c))
            2. Q3 review

            > quoted

            code <b>

            https://e.example
            """)
    }

    // MARK: - Safety

    /// Ideas from OWASP's XSS filter evasion cheat sheet and Markdown-specific ones: none may produce a tag we do
    /// not write, an attribute we do not write, or an `href` outside the allowed schemes.
    static let attacks: [String] = [
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
        "<img src=x onerror=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097>",
        "<svg/onload=alert('XSS')>",
        "<BODY ONLOAD=alert('XSS')>",
        "<iframe src=\"javascript:alert('XSS');\"></iframe>",
        "<!--<script>alert(1)</script>-->",
        "<style>@import'http://xss.example/xss.css';</style>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "'';!--\"<XSS>=&{()}",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](  javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](java\tscript:alert(1))",
        "[x](java\u{0}script:alert(1))",
        "[x](java\u{200B}script:alert(1))",
        "[x](\u{1}javascript:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&#x3A;alert(1))",
        "[x](java&#115;cript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](%6Aavascript:alert(1))",
        "[x](j\\avascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x](file:///etc/passwd)",
        "[x](//evil.example/)",
        "[x](https://ok.example/\"onmouseover=\"alert(1))",
        "[x](https://ok.example/ \"title\\\" onmouseover=alert(1)\")",
        "[x\"onmouseover=\"alert(1)](https://ok.example/)",
        "![x\" onerror=\"alert(1)](javascript:alert(1))",
        "![x](https://ok.example/x.png\"onerror=\"alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "<vbscript:msgbox(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "`<script>` ``<img src=x onerror=alert(1)>``",
        "```\"><script>alert(1)</script>\n</code></pre><script>alert(1)</script>\n```",
        "```js onload=alert(1)\nx\n```",
        "| <b onclick=alert(1)> | x |\n|---|---|\n| <script> | [x](javascript:alert(1)) |",
        "- [x] <img src=x onerror=alert(1)>",
        "> <script>alert(1)</script>",
        "# <script>alert(1)</script>",
        "*<script>*alert(1)*</script>*",
        "[<script>](https://ok.example/<script>)",
        "https://ok.example/<script>alert(1)</script>",
        "http://\"onmouseover=alert(1)//",
        "[x](https://ok.example/\u{202E}cod.exe)",
        "\u{0}\u{1}\u{7F}\u{85}" + String(Unicode.Scalar(0xFFFE)!) + String(Unicode.Scalar(0xFDD0)!) + "<x>",
    ]

    static let allowedTags: Set<String> = [
        "p", "br", "h3", "h4", "h5", "h6", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "hr",
        "a", "input", "span", "table", "thead", "tbody", "tr", "th", "td",
    ]
    static let allowedAttributes: Set<String> = [
        "href", "rel", "class", "start", "type", "disabled", "checked", "aria-hidden", "scope",
    ]

    /// Every tag and attribute in `html`, read independently of the writer: a `<` is either the start of a tag
    /// we write or was escaped, so anything else is a failure.
    static func problems(in html: String) -> [String] {
        var found: [String] = []
        let tag = try! NSRegularExpression(pattern: #"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>"#)
        let attribute = try! NSRegularExpression(pattern: #"\s+([a-z-]+)(?:="([^"]*)")?"#)
        let text = html as NSString
        var covered = 0
        for match in tag.matches(in: html, range: NSRange(location: 0, length: text.length)) {
            if match.range.location > covered,
                text.substring(with: NSRange(location: covered, length: match.range.location - covered)).contains(where: { "<>\"".contains($0) })
            {
                found.append("stray markup before \(text.substring(with: match.range))")
            }
            covered = match.range.location + match.range.length
            let name = text.substring(with: match.range(at: 2))
            if !allowedTags.contains(name) { found.append("tag <\(name)>") }
            let attributes = text.substring(with: match.range(at: 3))
            let all = attributes as NSString
            for hit in attribute.matches(in: attributes, range: NSRange(location: 0, length: all.length)) {
                let key = all.substring(with: hit.range(at: 1))
                if !allowedAttributes.contains(key) { found.append("attribute \(key)") }
                if key == "href", hit.range(at: 2).location != NSNotFound {
                    let value = all.substring(with: hit.range(at: 2)).replacingOccurrences(of: "&amp;", with: "&")
                    let lower = value.lowercased()
                    let safe = lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
                        || (lower.hasPrefix("/") && !lower.hasPrefix("//"))
                    if !safe || value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" }) { found.append("href \(value)") }
                }
                if key == "class", let range = Range(hit.range(at: 2), in: attributes),
                    attributes[range].contains(where: { !($0.isLetter || $0.isNumber || "-_+#. ".contains($0)) })
                {
                    found.append("class \(attributes[range])")
                }
            }
        }
        if covered < text.length,
            text.substring(from: covered).contains(where: { "<>\"".contains($0) })
        {
            found.append("stray markup at the end")
        }
        return found
    }

    @Test func theAttackCorpusNeverYieldsActiveContent() {
        for attack in Self.attacks {
            for source in [attack, "- " + attack, "> " + attack, "| a |\n|---|\n| \(attack) |", "*\(attack)*", "[\(attack)](/x)"] {
                let html = Markdown.html(source)
                #expect(Self.problems(in: html).isEmpty, "\(source.debugDescription) → \(html)")
            }
        }
    }

    @Test func refusedLinksAreShownAsText() {
        for scheme in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "&#106;avascript:alert(1)"] {
            let html = Markdown.html("[click](\(scheme))")
            #expect(!html.contains("<a"), "\(scheme): \(html)")
            #expect(html.hasPrefix("<p>click ("), "\(html)")
        }
        #expect(MarkdownLink.href(for: "https://e.example/a b") == "https://e.example/a%20b")
        #expect(MarkdownLink.href(for: "https://e.example/%zz%41\"") == "https://e.example/%25zz%41%22")
        #expect(MarkdownLink.href(for: "https:///x") == nil)
        #expect(MarkdownLink.href(for: "https://e.example/\u{9}x") == nil)
        #expect(MarkdownLink.href(for: "/") == "/")
        #expect(MarkdownLink.href(for: "relative/path") == nil)
    }

    @Test func theTreeIsNeverDeeperThanTheCaps() {
        let quotes = Markdown.html(String(repeating: "> ", count: 1000) + "x")
        #expect(quotes.components(separatedBy: "<blockquote>").count - 1 == MarkdownBlockParser.maxDepth)
        let lists = Markdown.html(String(repeating: "1. ", count: 1000) + "x")
        #expect(lists.components(separatedBy: "<ol>").count - 1 == MarkdownBlockParser.maxDepth)
        let emphasis = Markdown.html("a " + String(repeating: "*", count: 1000) + "b" + String(repeating: "*", count: 1000))
        #expect(emphasis.components(separatedBy: "<strong>").count - 1 == MarkdownHTMLWriter.maxInlineDepth)
        #expect(emphasis.components(separatedBy: "</strong>").count - 1 == MarkdownHTMLWriter.maxInlineDepth)
    }

    // MARK: - Work on hostile input

    static let hostile: [(name: String, make: @Sendable (Int) -> String)] = [
        ("nested brackets", { String(repeating: "[", count: $0 / 2) + String(repeating: "]", count: $0 / 2) }),
        ("open brackets", { "a" + String(repeating: "[", count: $0) }),
        ("link tails", { String(repeating: "[a](", count: $0 / 4) }),
        ("long link tails", { n in String(repeating: "[a](" + String(repeating: "x", count: 96), count: n / 100) }),
        ("titles", { String(repeating: "[a](b \"x", count: $0 / 8) }),
        ("stars", { "a" + String(repeating: "*", count: $0) }),
        ("alternating", { String(repeating: "*_", count: $0 / 2) }),
        ("star words", { String(repeating: "a*", count: $0 / 2) }),
        ("strong and emphasis", { String(repeating: "**a*", count: $0 / 4) }),
        ("brackets and stars", { String(repeating: "[*", count: $0 / 2) }),
        ("images", { String(repeating: "![", count: $0 / 2) }),
        ("backticks", { n in
            var text = "", length = 1
            while text.unicodeScalars.count < n {
                text += String(repeating: "`", count: length) + " "
                length += 1
            }
            return text
        }),
        ("angle brackets", { String(repeating: "<a", count: $0 / 2) }),
        ("addresses", { String(repeating: "http://?", count: $0 / 8) }),
        ("parentheses", { "https://a.example/" + String(repeating: ")", count: $0) }),
        ("quotes", { String(repeating: ">", count: $0) }),
        ("nested lists", { String(repeating: "- ", count: $0 / 2) + "x" }),
        ("indented items", { n in (0..<Int(Double(n).squareRoot())).map { String(repeating: " ", count: $0) + "- a\n" }.joined() }),
        ("pipes", { String(repeating: "|a", count: $0 / 2) + "\n|-|\n" + String(repeating: "|", count: $0 / 2) }),
    ]

    /// Counted work, not wall time: the same on a loaded CI machine and a laptop. Each input is 100 KB; the work
    /// stays under 48 steps a scalar, and doubling the input at most doubles it (a quadratic parser would show a
    /// count in the billions, and a factor of four).
    @Test func workGrowsLinearlyOnHostileInput() {
        for (name, make) in Self.hostile {
            let large = make(100_000), small = make(50_000)
            let n = large.unicodeScalars.count
            let work = Markdown.document(large).steps
            let half = Markdown.document(small).steps
            #expect(work <= 48 * n + 4096, "\(name): \(work) steps for \(n) scalars")
            #expect(Double(work) <= 2.3 * Double(half) + 4096, "\(name): \(half) → \(work) steps when the input doubles")
        }
    }

    /// Linear work on the worst shape we know (counted in steps above, not timed: a timed test fails on a busy
    /// machine, not on a slow renderer), and the text comes out as text.
    @Test func hundredKilobytesOfNestedBracketsStayText() {
        let source = String(repeating: "[", count: 50_000) + String(repeating: "](", count: 25_000) + String(repeating: "]", count: 25_000)
        #expect(Markdown.document(source).steps <= 48 * source.unicodeScalars.count + 4096)
        #expect(Markdown.html(source).hasPrefix("<p>[[[["))
    }
}
