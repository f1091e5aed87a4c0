import Foundation

/// RFC 2047 encoded-words (`=?UTF-8?B?…?=`): how non-ASCII text travels in headers.
///
/// B (base64) rather than Q: Banso's headers are mostly Japanese, where Q triples every byte; base64 costs a third.
enum EncodedWord {
    /// RFC 2047 §2: an encoded-word is at most 75 characters.
    static let maximumLength = 75
    private static let prefix = "=?UTF-8?B?"
    private static let suffix = "?="

    /// `text` as encoded-words of at most 75 characters each, the first at most `firstMaximum` (so that it fits
    /// on the line after the header's name). Each word holds whole characters: a UTF-8 sequence is never split
    /// across words (RFC 2047 §5), and neither, where it fits, is a grapheme cluster, so a decoder that shows words
    /// one by one never shows half a character.
    static func encode(_ text: String, firstMaximum: Int = maximumLength) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = payloadBytes(forLength: min(firstMaximum, maximumLength))

        func flush() {
            guard !chunk.isEmpty else { return }
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
            chunk.removeAll(keepingCapacity: true)
            limit = payloadBytes(forLength: maximumLength)
        }
        func append(_ bytes: some Collection<UInt8>) {
            if chunk.count + bytes.count > limit { flush() }
            chunk.append(contentsOf: bytes)
        }

        for character in text {
            let bytes = Array(character.utf8)
            if bytes.count <= payloadBytes(forLength: maximumLength) {
                append(bytes)
            } else {
                // A grapheme cluster too long for one word (a long emoji sequence): split it between scalars.
                for scalar in character.unicodeScalars { append(Array(String(scalar).utf8)) }
            }
        }
        flush()
        return words
    }

    /// How many bytes of text fit in a word of `length` characters: the base64 part is a multiple of 4.
    static func payloadBytes(forLength length: Int) -> Int {
        max(1, (length - prefix.count - suffix.count) / 4) * 3
    }
}
