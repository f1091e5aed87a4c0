import Logging
import Settings
import Domain
import Foundation
/// Every string a page shows, per language. Templates read them as `{{t.key}}`; Swift fills placeholders
/// (`{name}`) with ``format(_:_:)``. A test fails when a key is missing in either language or a template names a
/// key neither has.
struct Catalogue: Sendable {
    let language: Language
    let strings: [String: String]

    init(_ language: Language) {
        self.language = language
        strings = language == .ja ? Self.japanese : Self.english
    }

    /// The catalogue in sections, one per group of pages, so each group's strings live beside each other.
    static let sections: [(name: String, ja: [String: String], en: [String: String])] = [
        ("core", coreJapanese, coreEnglish),
        ("directory", directoryJapanese, directoryEnglish),
        ("operations", operationsJapanese, operationsEnglish),
        ("organization", organizationJapanese, organizationEnglish),
        ("customers", customersJapanese, customersEnglish),
        ("customer-reports", customerReportsJapanese, customerReportsEnglish),
        ("customer-records", customerRecordsJapanese, customerRecordsEnglish),
        ("customer-tickets", customerTicketsJapanese, customerTicketsEnglish),
        ("customer-revenue", customerRevenueJapanese, customerRevenueEnglish),
        ("meetings", meetingsJapanese, meetingsEnglish),
        ("goal-sheet-link", goalSheetLinkJapanese, goalSheetLinkEnglish),
        ("check-up-link", checkUpLinkJapanese, checkUpLinkEnglish),
        ("success", successJapanese, successEnglish),
        ("programs", programsJapanese, programsEnglish),
        ("check-ups", checkUpsJapanese, checkUpsEnglish),
        ("processes", processesJapanese, processesEnglish),
    ]
    static let japanese = merged(sections.map(\.ja))
    static let english = merged(sections.map(\.en))

    /// A key in two sections is a mistake the catalogue test names; here the first one wins.
    private static func merged(_ tables: [[String: String]]) -> [String: String] {
        tables.reduce(into: [:]) { all, table in all.merge(table) { first, _ in first } }
    }

    subscript(_ key: String) -> String {
        // A missing key shows itself rather than an empty space, and the catalogue test keeps this from shipping.
        strings[key] ?? key
    }

    /// What a refusal says to this reader: the page's own catalogue key when it threw one, else the use case's
    /// message in the reader's language (``DomainMessages``), else the message as thrown.
    func explain(_ error: DomainError) -> String {
        if let own = strings[error.message] { return own }
        return DomainMessages.localized(error.message, language) ?? error.message
    }

    /// The string for `key` with each `{name}` replaced by its value.
    /// `n` of something, as a phrase: "1 goal", "3 goals", "目標 3 件" (the catalogue's `count_<noun>`).
    func counted(_ noun: String, _ n: Int, _ f: PageFormat) -> String {
        format("count_\(noun)", ["count": f.number(Double(n))])
    }

    /// A key with a `_one` twin uses it when `{count}` is 1 ("1 direct report", not "1 direct reports").
    func format(_ key: String, _ values: [String: String]) -> String {
        var text = values["count"] == "1" ? (strings[key + "_one"] ?? self[key]) : self[key]
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}
