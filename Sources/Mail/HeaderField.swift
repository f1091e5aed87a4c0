/// One header field as written on the wire: its name, and its value as words that are joined by single spaces.
///
/// Lines are folded (RFC 5322 §2.1.1) by breaking before a space, so that unfolding — removing the CRLF — gives the
/// value back exactly; a line is kept to 78 characters wherever the words allow, and never breaks before an empty
/// word, which would leave a line of whitespace only.
struct HeaderField {
    static let preferredLineLength = 78

    let name: String
    let words: [String]

    func rendered() -> String {
        var out = name + ":"
        var lineLength = out.utf8.count
        var wordsOnLine = 0
        for word in words {
            if wordsOnLine > 0, !word.isEmpty, lineLength + 1 + word.utf8.count > Self.preferredLineLength {
                out += "\r\n"
                lineLength = 0
                wordsOnLine = 0
            }
            out += " " + word
            lineLength += 1 + word.utf8.count
            wordsOnLine += 1
        }
        return out + "\r\n"
    }

    /// How many characters the first encoded-word may have so that it still fits on the name's line.
    var firstWordMaximum: Int { Self.preferredLineLength - name.utf8.count - 2 }

    /// Free text such as the Subject: as it is when it is plain printable ASCII that folds, otherwise as
    /// encoded-words. Text that merely looks like an encoded-word (`=?`) is encoded too, so no reader decodes it.
    ///
    /// With `verbatimASCII` (custom headers, which may be structured, like `List-Unsubscribe: <https://…>`),
    /// printable ASCII is always kept as it is and only other text is encoded.
    static func unstructured(_ name: String, _ text: String, verbatimASCII: Bool = false) -> HeaderField {
        let plainWords = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // A word longer than a continuation line (" " + 77) cannot be folded to 78 characters.
        let foldable = !plainWords.contains { $0.utf8.count > preferredLineLength - 1 }
        if isPlainText(text), verbatimASCII || (foldable && !text.contains("=?")) {
            return HeaderField(name: name, words: plainWords)
        }
        let field = HeaderField(name: name, words: [])
        return HeaderField(name: name, words: EncodedWord.encode(text, firstMaximum: field.firstWordMaximum))
    }

    /// Mailboxes (From, To, Reply-To): `name <address>` separated by commas.
    static func mailboxes(_ name: String, _ mailboxes: [MailAddress]) -> HeaderField {
        let firstMaximum = HeaderField(name: name, words: []).firstWordMaximum
        var words: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            if let displayName = mailbox.displayName {
                words += phrase(displayName, firstMaximum: words.isEmpty ? firstMaximum : EncodedWord.maximumLength)
            }
            words.append("<\(mailbox.address)>" + (index < mailboxes.count - 1 ? "," : ""))
        }
        return HeaderField(name: name, words: words)
    }

    /// A display name as an RFC 5322 phrase: atoms when it is made of atoms, a quoted-string when it is other
    /// printable ASCII, encoded-words otherwise.
    static func phrase(_ text: String, firstMaximum: Int) -> [String] {
        if isPlainText(text), !text.contains("=?") {
            let atoms = text.split(separator: " ", omittingEmptySubsequences: false)
            if atoms.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isAtext) }) {
                return atoms.map(String.init)
            }
            var quoted = "\""
            for character in text {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            quoted.append("\"")
            if quoted.utf8.count <= preferredLineLength - 2 { return [quoted] }
        }
        return EncodedWord.encode(text, firstMaximum: firstMaximum)
    }

    /// Printable ASCII, space and tab: what a header may hold without encoding.
    static func isPlainText(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 9 || (32...126).contains($0) }
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }
}
