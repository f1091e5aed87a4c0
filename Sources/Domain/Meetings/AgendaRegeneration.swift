public import Foundation

/// Writing an agenda again (its data changed, or someone asked) without losing what people did to it: items
/// people added stay, generated items people moved or edited stay as they are, untouched generated items are
/// refreshed or dropped when the data no longer calls for them, and new ones join the end of their section.
public enum AgendaRegeneration {
    public static func merge(existing: [AgendaItem], generated sections: [AgendaGeneration.Section], newID: () -> UUID) -> [AgendaItem] {
        let fresh = Dictionary(
            sections.flatMap { section in section.items.map { ($0.fingerprint, (section.section.key, $0)) } },
            uniquingKeysWith: { first, _ in first })
        var kept: [AgendaItem] = []
        var present: Set<String> = []
        for item in existing {
            switch item.origin {
            case .manual:
                kept.append(item)
            case .generated:
                guard let fingerprint = item.fingerprint else { kept.append(item); continue }
                if item.touched {
                    kept.append(item)
                    present.insert(fingerprint)
                } else if let (_, draft) = fresh[fingerprint] {
                    var refreshed = item
                    (refreshed.title, refreshed.reason, refreshed.visibility, refreshed.subject) = (draft.title, draft.reason, draft.visibility, draft.subject)
                    kept.append(refreshed)
                    present.insert(fingerprint)
                }
            }
        }
        var next: [String: Int] = [:]
        for item in kept { next[item.sectionKey] = max(next[item.sectionKey] ?? 0, item.position + 1) }
        for section in sections {
            for draft in section.items where !present.contains(draft.fingerprint) {
                present.insert(draft.fingerprint)
                let key = section.section.key
                let position = next[key] ?? 0
                next[key] = position + 1
                kept.append(AgendaItem(
                    id: newID(), sectionKey: key, position: position, origin: .generated, subject: draft.subject, title: draft.title,
                    reason: draft.reason, visibility: draft.visibility, fingerprint: draft.fingerprint))
            }
        }
        // Positions made dense again per section, in their current order.
        let order = Dictionary(sections.enumerated().map { ($0.element.section.key, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var result: [AgendaItem] = []
        for (_, items) in Dictionary(grouping: kept, by: \.sectionKey).sorted(by: { (order[$0.key] ?? Int.max, $0.key) < (order[$1.key] ?? Int.max, $1.key) }) {
            // Ties (a kept item and a new one both at a position) keep the order they were gathered in.
            let ordered = items.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
            for (index, var item) in ordered.enumerated() {
                item.position = index
                result.append(item)
            }
        }
        return result
    }
}
