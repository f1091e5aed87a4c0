public import Foundation

/// The reading (フリガナ) a customer list sorts by. People type it in hiragana, katakana or half-width katakana;
/// all three become full-width katakana, whose code points follow the 五十音 order, so that sorting by the key in
/// SQL (byte order, whatever the database's collation) puts アサヒ before イトウ as Japanese business software does.
public enum KanaReading {
    /// The normalised reading, or nil for a blank one.
    public static func normalise(_ reading: String?) -> String? {
        guard let reading else { return nil }
        // NFKC turns half-width katakana (ｱｻﾋ) into full-width and full-width Latin (ＡＢＣ) into ASCII.
        let folded = reading.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !folded.isEmpty else { return nil }
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            // Hiragana ぁ (U+3041) … ゖ (U+3096) sit exactly 0x60 below their katakana.
            if (0x3041...0x3096).contains(scalar.value), let katakana = Unicode.Scalar(scalar.value + 0x60) {
                scalars.append(katakana)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// What a customer sorts by: its reading when it has one, else its name (upper-cased, so Latin names sort
    /// without regard to case).
    public static func sortKey(name: String, reading: String?) -> String {
        normalise(reading) ?? (normalise(name) ?? name).uppercased()
    }
}
