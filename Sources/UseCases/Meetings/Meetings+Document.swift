public import Domain
public import Foundation
public import Store

extension Meetings {
    /// The agenda as the caller may see it, as a Markdown document in `locale` with times in `zone` and subject links
    /// on `publicURL` — the one the JSON API and the page both answer.
    public func agendaDocument(_ id: UUID, locale: Organization.Locale, zone: TimeZone, publicURL: String) async throws -> String {
        let view = try await get(id)
        let agenda = try await agenda(id)
        return AgendaDocument.markdown(
            title: view.body.name, when: AgendaWording.when(view.meeting.startsAt, zone: zone, locale), purpose: view.body.purpose,
            objective: view.body.objective,
            sections: agenda.sections.map { section in
                AgendaDocument.Section(
                    heading: AgendaWording.heading(title: section.title, generator: section.generator, key: section.key, locale),
                    minutes: section.minutes,
                    items: section.items.map { stored in
                        AgendaDocument.Item(
                            title: stored.item.title, reason: AgendaWording.reason(stored.item.reason, locale),
                            url: AgendaWording.path(stored.item.subject).map { publicURL + $0 })
                    })
            },
            locale: locale)
    }
}
