import Domain
import Foundation
import Store
import UseCases

/// What the meeting pages say alike: a body's purpose and where it lives, an occurrence's state, in the reader's
/// language. The agenda's own wording (headings, reasons) comes from ``AgendaWording`` so the page says what the
/// Markdown document and the notification say.
enum MeetingPageText {
    static func locale(_ t: Catalogue) -> Organization.Locale { t.language == .ja ? .ja : .en }

    static func purpose(_ purpose: MeetingPurpose, _ t: Catalogue) -> String { AgendaWording.purpose(purpose, locale(t)) }

    /// The names of the org's companies and teams, for saying where a body lives and for the scope select.
    struct Places: Sendable {
        var companies: [(id: UUID, name: String)]
        var teams: [(id: UUID, companyID: UUID, name: String)]

        func name(of scope: Scope, _ t: Catalogue) -> String {
            switch scope {
            case .org: return t["mtg_scope_org"]
            case .company(let id): return companies.first { $0.id == id }?.name ?? t["mtg_scope_company"]
            case .team(let id):
                guard let team = teams.first(where: { $0.id == id }) else { return t["mtg_scope_team"] }
                let company = companies.first { $0.id == team.companyID }?.name
                return company.map { "\($0) / \(team.name)" } ?? team.name
            }
        }
    }

    static func places(_ tx: TenantTransaction, _ caller: Caller) async throws -> Places {
        let companies = try await CompanyRepository.list(tx, after: nil, limit: 500).items
        // Names only, to say where a body lives: every team is named, whoever reads.
        let all = Reach(memberID: caller.identity.memberID, everywhere: true, companies: [], teams: [], companiesWithin: [], anywhere: true)
        let teams = try await TeamRepository.list(tx, companyID: nil, visibleTo: all, after: nil, limit: 1000).items
        return Places(
            companies: companies.map { ($0.id, $0.name) }.sorted { $0.1 < $1.1 },
            teams: teams.map { ($0.id, $0.companyID, $0.name) }.sorted { $0.2 < $1.2 })
    }

    /// An occurrence's state as a word and a class; a moved or off-cadence one says so in words, never by colour.
    static func state(_ meeting: Meeting, _ t: Catalogue) -> (label: String, css: String) {
        switch meeting.state {
        case .cancelled: (t["mtg_state_cancelled"], "mtg-cancelled")
        case .held: (t["mtg_state_held"], "mtg-held")
        case .planned: (meeting.rescheduled ? t["mtg_state_moved"] : t["mtg_state_planned"], meeting.rescheduled ? "mtg-moved" : "mtg-planned")
        }
    }

    /// `2026年12月8日(火) 10:00–11:00` / `Tue 8 Dec 2026 10:00–11:00`, in the reader's zone.
    static func when(_ meeting: Meeting, _ f: PageFormat) -> String {
        let end = Recurrence.localTime(of: meeting.endsAt, in: f.timeZone)
        return f.dateTime(meeting.startsAt) + "–" + end.description
    }

    static func id(_ text: String?) -> UUID? {
        text.flatMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }
    }
}
