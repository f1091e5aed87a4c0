import Domain
import Foundation
import Testing
@testable import Web

/// Every message a `DomainError` can carry has its Japanese and English for the pages (`DomainMessages`), found by
/// reading the sources, so a new refusal without a translation fails here instead of reaching a page in API English.
@Suite struct WebDomainMessagesTests {
    static let sourcesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    /// A message as written in a source file: its text (escapes read) and where.
    struct Found: CustomStringConvertible {
        let literal: String
        /// Each `\(…)` replaced by "x": what the message looks like once thrown, for the patterns.
        let sample: String
        let interpolated: Bool
        let place: String
        var description: String { "\(place): \"\(literal)\"" }
    }

    @Test func everyLiteralMessageIsTranslated() throws {
        let found = try Self.messages()
        // A scanner that finds nothing is broken, not a sign that everything is translated.
        #expect(found.filter { !$0.interpolated }.count > 100)
        for message in found where !message.interpolated {
            // The pages word some refusals with a catalogue key (`form_number`); the catalogue translates those.
            if Catalogue.japanese[message.literal] != nil, Catalogue.english[message.literal] != nil { continue }
            #expect(DomainMessages.exact[message.literal] != nil, "no translation for \(message)")
        }
    }

    @Test func everyInterpolatedMessageMatchesAPattern() throws {
        let found = try Self.messages()
        #expect(found.filter(\.interpolated).count > 20)
        for message in found where message.interpolated {
            #expect(DomainMessages.localized(message.sample, .ja) != nil, "no pattern for \(message) (as \"\(message.sample)\")")
            #expect(DomainMessages.localized(message.sample, .en) != nil, "no pattern for \(message) (as \"\(message.sample)\")")
        }
    }

    @Test func theStoresConstraintMessagesAreTranslated() throws {
        // `DomainError.from(error, conflicts: ["constraint": ("field", "message")])` and its fallback.
        let conflict = try Regex(#"(?:"\s*:|\?\?)\s*\(\s*"[a-z_]+"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)"#)
        var count = 0
        for (path, text) in try Self.sources(under: "Store") {
            for match in text.matches(of: conflict) {
                let message = String(match.output[1].substring ?? "")
                count += 1
                #expect(DomainMessages.exact[message] != nil, "no translation for \(path): \"\(message)\"")
            }
        }
        #expect(count >= 7)
    }

    @Test func theAuthorizersReasonsAreTranslated() throws {
        // `Identity.enforce` throws a refusal's reason as the message of a 403.
        let text = try String(
            contentsOf: Self.sourcesDirectory.appendingPathComponent("Domain/Permissions/Authorizer.swift"), encoding: .utf8)
        var count = 0
        for found in Self.literals(in: text, after: try Regex(#"reason:\s*""#), place: "Authorizer.swift") where !found.literal.isEmpty {
            count += 1
            #expect(DomainMessages.localized(found.sample, .ja) != nil, "no translation for \(found)")
            #expect(DomainMessages.localized(found.sample, .en) != nil, "no translation for \(found)")
        }
        #expect(count >= 5)
    }

    @Test func everyTextReadsAsASentence() {
        var japanese: [(String, String)] = DomainMessages.exact.map { ($0.key, $0.value.ja) }
        var english: [(String, String)] = DomainMessages.exact.map { ($0.key, $0.value.en) }
        japanese += DomainMessages.patterns.map { ($0.regex, $0.ja) }
        english += DomainMessages.patterns.map { ($0.regex, $0.en) }
        for (key, text) in japanese {
            #expect(!text.isEmpty, "empty Japanese for \(key)")
            #expect(text.unicodeScalars.contains { !$0.isASCII }, "Japanese for \(key) is all ASCII: \(text)")
            #expect(text.hasSuffix("。") || text.hasSuffix("$3") || text.hasSuffix("%3"), "Japanese for \(key) does not end with 。: \(text)")
            #expect(!text.contains(". ") && !text.hasSuffix("."), "Japanese for \(key) has an ASCII full stop: \(text)")
        }
        for (key, text) in english {
            let first = text.unicodeScalars.first
            #expect(
                first.map { CharacterSet.uppercaseLetters.contains($0) || CharacterSet.decimalDigits.contains($0) } == true,
                "English for \(key) does not start with a capital: \(text)")
            #expect(text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("%3"), "English for \(key) does not end a sentence: \(text)")
            #expect(!text.contains("/v1/") && !text.contains("If-Match"), "English for \(key) talks API: \(text)")
        }
    }

    @Test func everyPatternCompilesAndNamesOnlyItsGroups() throws {
        for pattern in DomainMessages.patterns {
            let regex = try NSRegularExpression(pattern: pattern.regex)
            #expect(pattern.regex.hasPrefix("^") && pattern.regex.hasSuffix("$"), "\(pattern.regex) is not anchored")
            for template in [pattern.ja, pattern.en] {
                for match in template.matches(of: /[$%]([0-9]+)/) {
                    let n = Int(match.output.1)!
                    #expect(n >= 1 && n <= regex.numberOfCaptureGroups, "\(template) names group \(n) of \(pattern.regex)")
                }
            }
        }
    }

    @Test func patternsCarryTheCapturedValues() throws {
        let period = "'2026-13' is not a monthly check-in period (2026-11)"
        let periodJA = try #require(DomainMessages.localized(period, .ja))
        #expect(periodJA.contains("「2026-13」") && periodJA.contains("毎月") && periodJA.contains("2026-11"))
        #expect(DomainMessages.localized(period, .en) == "The period '2026-13' is not a monthly check-in period. Write it like 2026-11.")

        let child = "the child goal “Renewals” (FY2026-Q1) would fall outside FY2026-H2"
        let childJA = try #require(DomainMessages.localized(child, .ja))
        #expect(childJA.contains("「Renewals」") && childJA.contains("FY2026-Q1") && childJA.contains("FY2026-H2"))

        let team = "the team still has 2 goal(s) and 1 accountability; move them first"
        #expect(DomainMessages.localized(team, .ja) == "このチームにはまだ目標が 2 件、責任・依頼が 1 件あります。先に移してください。")
        #expect(DomainMessages.localized(team, .en) == "This team still has goals (2) and accountabilities (1). Move them first.")

        // A name from a closed list reads as a word of the page; the role list stays as thrown.
        #expect(DomainMessages.localized("the check-in is submitted; only an open check-in can be edited", .ja)?.contains("「提出済み」") == true)
        let roles = "role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
        #expect(DomainMessages.localized(roles, .en) == "Choose a role: owner, admin, manager, csm, ops, support, viewer.")
        #expect(DomainMessages.localized("company not found", .ja) == DomainMessages.exact["company not found"]?.ja)
        #expect(DomainMessages.localized("job not found", .en) == "This job could not be found.")

        // A refusal inside a refusal is translated too.
        let nested = "the member holds owner in this team, which you may not grant: a manager can only grant roles below manager"
        let nestedJA = try #require(DomainMessages.localized(nested, .ja))
        #expect(nestedJA.contains("オーナー") && nestedJA.contains("マネージャーが付与できるのは"))

        // What a person typed stays as typed, even when it looks like a placeholder.
        #expect(DomainMessages.localized("'$2 %1' is not a check-in period", .ja) == "「$2 %1」はこの目標のチェックインの期間ではありません。")
        #expect(DomainMessages.localized("something nobody says", .ja) == nil)
        #expect(DomainMessages.localized(DomainError.stale.message, .ja) == "ほかの人が先に変更しました。ページを開き直してから、もう一度お試しください。")
    }

    // MARK: Reading the sources

    /// Every `DomainError(.code, "…"` in Sources/, however the call is broken over lines.
    static func messages() throws -> [Found] {
        let call = try Regex(#"DomainError\(\s*\.[A-Za-z]+\s*,\s*""#)
        return try sources(under: nil).flatMap { path, text in literals(in: text, after: call, place: path) }
    }

    static func sources(under folder: String?) throws -> [(String, String)] {
        let root = folder.map { sourcesDirectory.appendingPathComponent($0) } ?? sourcesDirectory
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(sourcesDirectory.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        #expect(!files.isEmpty, "no Swift sources under \(root.path)")
        return files.sorted { $0.0 < $1.0 }
    }

    /// The string literal opened by each match of `opening` (which ends at its `"`).
    static func literals(in text: String, after opening: Regex<AnyRegexOutput>, place: String) -> [Found] {
        text.matches(of: opening).compactMap { match in
            let line = text[..<match.range.lowerBound].count { $0 == "\n" } + 1
            guard let (literal, sample, interpolated) = literal(text, from: match.range.upperBound) else {
                Issue.record("\(place):\(line): a message literal the scanner cannot read")
                return nil
            }
            return Found(literal: literal, sample: sample, interpolated: interpolated, place: "\(place):\(line)")
        }
    }

    /// Reads a one-line string literal from just after its opening quote: its text (escapes read, `\(…)` kept as
    /// written), the same with each `\(…)` as "x", and whether it has any. Interpolations may hold parentheses and
    /// string literals of their own (`\(list.joined(separator: ", "))`).
    static func literal(_ text: String, from start: String.Index) -> (String, String, Bool)? {
        var literal = "", sample = "", interpolated = false
        var index = start
        if text[index...].hasPrefix("\"\"") { return nil }  // a multi-line literal
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { return (literal, sample, interpolated) }
            if character == "\n" { return nil }
            if character == "\\" {
                let next = text.index(after: index)
                guard next < text.endIndex else { return nil }
                if text[next] == "(" {
                    guard let end = interpolationEnd(text, from: text.index(after: next)) else { return nil }
                    literal += text[index..<end]
                    sample += "x"
                    interpolated = true
                    index = end
                    continue
                }
                let escaped: String =
                    switch text[next] {
                    case "n": "\n"
                    case "t": "\t"
                    case "0": "\0"
                    default: String(text[next])
                    }
                literal += escaped
                sample += escaped
                index = text.index(after: next)
                continue
            }
            literal.append(character)
            sample.append(character)
            index = text.index(after: index)
        }
        return nil
    }

    /// The index just after the `)` closing an interpolation whose `\(` ends just before `start`.
    static func interpolationEnd(_ text: String, from start: String.Index) -> String.Index? {
        var depth = 1
        var index = start
        while index < text.endIndex {
            switch text[index] {
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return text.index(after: index) }
            case "\"":
                // A string literal inside the interpolation: skip to its end.
                guard let end = skipLiteral(text, from: text.index(after: index)) else { return nil }
                index = end
                continue
            case "\n": return nil
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The index just after the closing quote of a literal opened just before `start`.
    static func skipLiteral(_ text: String, from start: String.Index) -> String.Index? {
        var index = start
        while index < text.endIndex {
            switch text[index] {
            case "\"": return text.index(after: index)
            case "\\":
                let next = text.index(after: index)
                if next < text.endIndex, text[next] == "(" {
                    guard let end = interpolationEnd(text, from: text.index(after: next)) else { return nil }
                    index = end
                    continue
                }
                index = text.index(after: next)
                continue
            default: index = text.index(after: index)
            }
        }
        return nil
    }
}
