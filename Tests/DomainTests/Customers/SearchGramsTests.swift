import Domain
import Testing

@Suite struct SearchGramsTests {
    @Test func normalisingFoldsWidthCaseAndKana() {
        #expect(SearchGrams.normalise("ｶﾀｶﾅ") == "カタカナ", "half-width katakana (NFKC)")
        #expect(SearchGrams.normalise("かたかな") == "カタカナ", "hiragana folds to katakana")
        #expect(SearchGrams.normalise("ﾃﾞｰﾀ") == "データ", "a half-width voiced mark composes")
        #expect(SearchGrams.normalise("ＡＢＣ Renewal") == "abc renewal", "full-width Latin and case")
        #expect(SearchGrams.normalise("  解約\n\t予告  ") == "解約 予告", "white space runs become one space")
        #expect(SearchGrams.normalise("①㈱") == "1(株)", "circled digits and ㈱ as NFKC reads them")
        #expect(SearchGrams.normalise("   ") == "")
    }

    @Test func gramsAreEveryOneAndTwoCharacterGram() {
        #expect(SearchGrams.grams(of: "解約予告") == ["予", "予告", "告", "約", "約予", "解", "解約"].sorted())
        #expect(SearchGrams.grams(of: "ab ab") == ["a", "ab", "b"], "distinct, and none across white space")
        #expect(SearchGrams.grams(of: "") == [])
    }

    @Test func aQueryNeedsItsPairsOrItsOneCharacter() {
        #expect(SearchGrams.queryGrams("解約") == ["解約"])
        #expect(SearchGrams.queryGrams("解約予告") == ["予告", "約予", "解約"])
        #expect(SearchGrams.queryGrams("解") == ["解"], "a one-character query")
        #expect(SearchGrams.queryGrams("ｶｲﾔｸ") == SearchGrams.queryGrams("かいやく"))
        #expect(SearchGrams.queryGrams("Renewal") == SearchGrams.queryGrams("RENEWAL"))
        #expect(SearchGrams.queryGrams("  ") == [])
    }

    @Test func aTextsGramsHoldEveryQueryItContains() {
        let text = "来期の解約予告期限について、先方の部長とミーティングしました。Renewal risk is HIGH."
        let grams = Set(SearchGrams.grams(of: text))
        for query in ["解約", "解約予告", "予告期限", "ミーティング", "ﾐｰﾃｨﾝｸﾞ", "renewal", "risk is high", "部"] {
            #expect(Set(SearchGrams.queryGrams(query)).isSubset(of: grams), "\(query)")
            #expect(SearchGrams.normalise(text).contains(SearchGrams.normalise(query)), "\(query)")
        }
        // The grams of 約解 are not all there, and neither is the text.
        #expect(!Set(SearchGrams.queryGrams("約解")).isSubset(of: grams))
        // Grams present out of sequence: the recheck on the text is what rejects them.
        let scattered = "解約 約予 予告"
        #expect(Set(SearchGrams.queryGrams("解約予告")).isSubset(of: Set(SearchGrams.grams(of: scattered))))
        #expect(!SearchGrams.normalise(scattered).contains(SearchGrams.normalise("解約予告")))
    }
}
