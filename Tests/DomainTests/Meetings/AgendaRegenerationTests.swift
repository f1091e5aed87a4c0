@testable import Domain
import Foundation
import Testing

/// A regenerate keeps what people did: their own items, the generated items they moved or edited; it refreshes or
/// drops the rest and adds what is new at the end of its section.
@Suite struct AgendaRegenerationTests {
    func draft(_ fingerprint: String, _ title: String) -> AgendaDraftItem {
        AgendaDraftItem(subject: nil, title: title, reason: AgendaReason("x"), visibility: .everyone, fingerprint: fingerprint)
    }

    func section(_ key: String, _ items: [AgendaDraftItem]) -> AgendaGeneration.Section {
        AgendaGeneration.Section(section: AgendaSection(key: key, title: nil, content: .fixed([]), minutes: 5), items: items)
    }

    @Test func keepsHandWorkRefreshesTheRestAndAppendsNewItems() {
        var counter = 0
        func newID() -> UUID { counter += 1; return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", counter))! }
        let first = AgendaRegeneration.merge(
            existing: [], generated: [section("s", [draft("a", "A"), draft("b", "B"), draft("c", "C")])], newID: newID)
        #expect(first.map(\.title) == ["A", "B", "C"])
        #expect(first.map(\.position) == [0, 1, 2])
        // People move C to the top (touched) and add their own item after it.
        var edited = first
        edited[2].position = -1
        edited[2].touched = true
        edited.append(AgendaItem(id: newID(), sectionKey: "s", position: 0, origin: .manual, subject: nil, title: "持ち込み議題",
                                 reason: nil, visibility: .everyone, fingerprint: nil))
        // The data changes: B is no longer called for, A's wording changed, C is gone too, D is new.
        let again = AgendaRegeneration.merge(
            existing: edited, generated: [section("s", [draft("a", "A′"), draft("d", "D")])], newID: newID)
        #expect(again.map(\.title) == ["C", "A′", "持ち込み議題", "D"], "C kept where people put it; B dropped; D appended")
        #expect(again.map(\.position) == [0, 1, 2, 3])
        #expect(again.first { $0.title == "A′" }?.id == first[0].id, "a refreshed item keeps its id")
    }
}
