/// What the customer list's `q` matches: a name, English name or reading containing the words, whatever the case,
/// the width (ＡＢＣ, ｱｻﾋ) or the kana (あさひ finds アサヒ). Both sides are folded the same way — NFKC, hiragana to
/// katakana (``KanaReading``), lower case — here for the query and in the customer table's generated
/// `search_text` column for the rows.
public enum CustomerSearch {
    /// The folded query, or nil for a blank one.
    public static func normalise(_ text: String) -> String? {
        KanaReading.normalise(text)?.lowercased()
    }
}
