public import Foundation

/// The grams a timeline entry is found by. Trigram indexes cannot serve a two-character query, and Japanese is
/// full of them (解約, 障害, 更新): every one- and two-character gram of the normalised text goes into an array
/// that a GIN index holds, a query's grams must all be present, and the matching rows are rechecked on the text
/// itself. Normalising first (NFKC, lower case, kana folded to katakana) makes ｶｲﾔｸ, かいやく and カイヤク one.
public enum SearchGrams {
    /// The text as it is searched: NFKC, lower-cased, hiragana folded to katakana, runs of white space as one space.
    public static func normalise(_ text: String) -> String {
        let folded = KanaReading.normalise(text.lowercased()) ?? ""
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every distinct one- and two-character gram of the normalised text, white space excluded from grams.
    public static func grams(of text: String) -> [String] {
        let characters = Array(normalise(text))
        var grams = Set<String>()
        for (index, character) in characters.enumerated() where !character.isWhitespace {
            grams.insert(String(character))
            if index + 1 < characters.count, !characters[index + 1].isWhitespace {
                grams.insert(String([character, characters[index + 1]]))
            }
        }
        return grams.sorted()
    }

    /// The grams a query needs: its two-character grams when it has any (they imply its one-character ones),
    /// else its single character. Empty for a blank query.
    public static func queryGrams(_ query: String) -> [String] {
        let all = grams(of: query)
        let pairs = all.filter { $0.count == 2 }
        return pairs.isEmpty ? all : pairs
    }
}
