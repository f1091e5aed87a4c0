import Domain
import Foundation
import Store
import UseCases

/// What the standard-process pages share: ids from paths, the org's positions by name, a step as read-only text,
/// a day typed in a form.
enum ProcessPageText {
    /// A read-only step as the process page, the editor of a published version and the customer tab show it.
    struct Step: Sendable {
        let number: String
        let name: String
        let days: String
        let exit: String
        let responsible: String
        let accountable: String
        let consulted: String
        let informed: String
    }

    static func id(_ text: String?, what: String = "process not found") throws -> UUID {
        guard let text, let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else { throw DomainError(.notFound, what) }
        return id
    }

    static func number(_ text: String?) throws -> Int {
        guard let text, text.count <= 5, let number = Int(text), (1...10000).contains(number) else {
            throw DomainError(.notFound, "process version not found")
        }
        return number
    }

    /// The org's positions the reader sees (everyone who reads processes reads goals, and positions with them), and
    /// those the given steps name: a step's RACI is part of the process, whoever reads it reads who does what.
    static func positions(_ tx: TenantTransaction, _ caller: Caller, naming steps: [ProcessStep] = []) async throws -> [Position] {
        var found = try await PositionRepository.list(tx, visibleTo: caller.identity.reach(.readGoals), after: nil, limit: 500).items
        let known = Set(found.map(\.id))
        let named = Set(steps.flatMap { $0.raci.responsible + $0.raci.accountable + $0.raci.consulted + $0.raci.informed })
        for id in named.subtracting(known).sorted(by: { $0.uuidString < $1.uuidString }) {
            if let position = try await PositionRepository.get(tx, id: id) { found.append(position) }
        }
        return found.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    static func names(_ ids: [UUID], _ positions: [UUID: String], _ t: Catalogue) -> String {
        guard !ids.isEmpty else { return t["prc_none"] }
        return ids.map { positions[$0] ?? t["prc_unknown_position"] }.joined(separator: t["prc_list_separator"])
    }

    static func steps(_ version: ProcessVersion, _ positions: [UUID: String], _ t: Catalogue, _ f: PageFormat) -> [Step] {
        version.steps.enumerated().map { index, step in
            Step(
                number: String(index + 1), name: step.name, days: t.format("prc_days", ["count": f.number(Double(step.expectedDays))]),
                exit: step.exitCriterion, responsible: names(step.raci.responsible, positions, t),
                accountable: names(step.raci.accountable, positions, t), consulted: names(step.raci.consulted, positions, t),
                informed: names(step.raci.informed, positions, t))
        }
    }

    /// `v2` / `バージョン 2`.
    static func version(_ number: Int, _ t: Catalogue) -> String { t.format("prc_version_n", ["number": String(number)]) }

    /// A day typed as `YYYY-MM-DD`; blank is `nil` (the use case's default, today).
    static func day(_ text: String?, field: String) throws -> LocalDate? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count == 10, let day = LocalDate(iso: text) else { throw DomainError(.invalid, "prc_err_date", field: field) }
        return day
    }

    /// A width for a CSS bar: `37.5%`, at most 100.
    static func width(_ value: Double, of total: Double) -> String {
        guard total > 0, value.isFinite else { return "0%" }
        return ReportChart.r(min(100, max(0, value / total * 100))) + "%"
    }
}
