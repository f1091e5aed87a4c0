/// What a cell of an exported spreadsheet (CSV for Excel) may hold.
public enum SpreadsheetCell {
    /// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` as a cell that a spreadsheet shows and never evaluates: text that begins like a formula gets a leading
    /// apostrophe, which Excel and LibreOffice read as "this is text". A plain number (`-12.5`) stays a number.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first) else { return text }
        if Double(text) != nil, !text.contains(where: { $0.isLetter }) { return text }
        return "'" + text
    }
}
