import Foundation

/// An agenda as a Markdown document in the reader's language (Japanese headings for `ja`): what
/// `GET /v1/meetings/{id}/agenda` answers for `text/markdown`, to paste into a chat or a document. Text from people
/// and data is escaped, so a customer called `*ACME*` stays literally that and nothing becomes a link by accident.
public enum AgendaDocument {
    public struct Section: Sendable {
        public var heading: String
        public var minutes: Int
        public var items: [Item]
        public init(heading: String, minutes: Int, items: [Item]) { (self.heading, self.minutes, self.items) = (heading, minutes, items) }
    }

    public struct Item: Sendable {
        public var title: String
        public var reason: String?
        /// An absolute link to the subject's page.
        public var url: String?
        public init(title: String, reason: String?, url: String?) { (self.title, self.reason, self.url) = (title, reason, url) }
    }

    public static func markdown(
        title: String, when: String, purpose: MeetingPurpose, objective: String, sections: [Section], locale: Organization.Locale
    ) -> String {
        let ja = locale == .ja
        var lines = ["# " + escape(title), ""]
        lines.append((ja ? "- 日時: " : "- When: ") + escape(when))
        lines.append((ja ? "- 目的: " : "- Purpose: ") + AgendaWording.purpose(purpose, locale) + " — " + escape(oneLine(objective)))
        let total = sections.reduce(0) { $0 + $1.minutes }
        if total > 0 { lines.append((ja ? "- 合計時間: \(total) 分" : "- Time boxes: \(total) min")) }
        for section in sections {
            lines.append("")
            let box = section.minutes > 0 ? (ja ? "（\(section.minutes) 分）" : " (\(section.minutes) min)") : ""
            lines.append("## " + escape(section.heading) + box)
            lines.append("")
            if section.items.isEmpty {
                lines.append(ja ? "_該当なし_" : "_Nothing this time_")
                continue
            }
            for (index, item) in section.items.enumerated() {
                var line = "\(index + 1). "
                if let url = item.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                    line += "[\(escape(item.title))](<\(url.replacingOccurrences(of: ">", with: "%3E"))>)"
                } else {
                    line += escape(item.title)
                }
                if let reason = item.reason { line += " — " + escape(oneLine(reason)) }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Backslash-escapes the characters that would turn data into markup in the places this document puts it
    /// (inside a list item or heading, never at a line's start): emphasis, code, links, HTML, tables, entities.
    /// Dates and hyphens stay unescaped, so the raw text pasted into a chat still reads cleanly.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in oneLine(text) {
            if "\\`*_[]<>|~&".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
