import Domain
import Foundation
import Testing
@testable import Web

/// Every string in both languages, every template listed and parsing, every `{{t.key}}` a template names known.
@Suite struct WebCatalogueTests {
    static let templatesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Web/Templates")

    @Test func bothLanguagesHaveEveryKey() {
        let ja = Set(Catalogue.japanese.keys), en = Set(Catalogue.english.keys)
        #expect(ja.subtracting(en).sorted() == [], "missing in English")
        #expect(en.subtracting(ja).sorted() == [], "missing in Japanese")
        for (key, value) in Catalogue.japanese where value.isEmpty { Issue.record("empty Japanese string for \(key)") }
        for (key, value) in Catalogue.english where value.isEmpty { Issue.record("empty English string for \(key)") }
        // A placeholder in one language is in the other too, or Swift fills one and the other shows `{name}`.
        for key in ja.intersection(en) {
            #expect(Self.placeholders(Catalogue.japanese[key]!) == Self.placeholders(Catalogue.english[key]!), "\(key)")
        }
    }

    @Test func noKeyIsInTwoSections() {
        var seen: [String: String] = [:]
        for section in Catalogue.sections {
            for key in Set(section.ja.keys).union(section.en.keys) {
                if let first = seen[key] { Issue.record("\(key) is in \(first) and \(section.name)") }
                seen[key] = section.name
            }
        }
    }

    @Test func everyTemplateFileIsListedAndEveryKeyItNamesExists() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.templatesDirectory.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(Set(files) == Set(Templates.sources.map(\.name)))
        #expect(Templates.sources.allSatisfy { !$0.bytes.isEmpty })
        _ = Templates.library  // parses every template (a template that does not parse stops the server)
        let pattern = try Regex("\\{\\{t\\.([a-z0-9_]+)\\}\\}")
        for file in files {
            let text = try String(contentsOf: Self.templatesDirectory.appendingPathComponent(file + ".mustache"), encoding: .utf8)
            for match in text.matches(of: pattern) {
                let key = String(text[match.range].dropFirst(4).dropLast(2))
                #expect(Catalogue.japanese[key] != nil, "\(file) names t.\(key)")
            }
        }
    }

    @Test func oneIsSingularInEnglish() {
        #expect(Catalogue(.en).format("org_reports", ["count": "1"]) == "1 direct report")
        #expect(Catalogue(.en).format("org_reports", ["count": "3"]) == "3 direct reports")
        #expect(Catalogue(.ja).format("tree_summary", ["count": "1"]) == "1 件の目標")
    }

    @Test func datesPeriodsAndFiguresReadNatively() throws {
        let ja = PageFormat(language: .ja, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        let en = PageFormat(language: .en, timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        let day = try #require(LocalDate(year: 2026, month: 12, day: 7))
        #expect(ja.date(day) == "2026年12月7日(月)")
        #expect(en.date(day) == "Mon 7 Dec 2026")
        let half = try FiscalPeriod.parse("FY2026-H2", fiscalYearStartMonth: 4)
        #expect(ja.period(half) == "2026年度 下期")
        #expect(en.period(half) == "FY2026 H2")
        #expect(ja.period(try FiscalPeriod.parse("FY2026-Q3", fiscalYearStartMonth: 4)) == "2026年度 第3四半期")
        #expect(en.period(try FiscalPeriod.parse("2026-11", fiscalYearStartMonth: 4)) == "Nov 2026")
        #expect(ja.number(1234567.5) == "1,234,567.5")
        #expect(ja.number(-0.25) == "-0.25")
        #expect(ja.number(12) == "12")
        #expect(ja.number(999.999) == "1,000")
        #expect(en.percent(0.675) == "68%")
        // An instant is read on the reader's clock: 2026-12-06T15:30Z is the 7th in Tokyo.
        #expect(ja.dateTime(Date(timeIntervalSince1970: 1_796_571_000)) == "2026年12月7日(月) 00:30")
    }

    @Test func theBrowsersLanguageDecidesBeforeSignIn() {
        #expect(Language.preferred(acceptLanguage: nil) == .ja)
        #expect(Language.preferred(acceptLanguage: "en-US,en;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "fr-FR, en;q=0.5, ja;q=0.8") == .ja)
        #expect(Language.preferred(acceptLanguage: "de") == .ja)
    }

    static func placeholders(_ text: String) -> Set<String> {
        Set(text.matches(of: /\{([a-z_]+)\}/).map { String($0.output.1) })
    }
}
