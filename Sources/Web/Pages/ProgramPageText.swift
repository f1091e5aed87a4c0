import API
import Domain
import Foundation
import Store
import UseCases

/// What the programs pages say the same way: hours, budget bars with their 80 % and 100 % marks, states, kinds,
/// ids from paths and numbers from forms.
enum ProgramPageText {
    /// An hour-budget bar: used against the limit, drawn on a scale that leaves room past 100 %, with the figure
    /// and the state as text so colour is never the only signal.
    struct Bar: Sendable {
        let label: String
        let figure: String
        let state: String
        let stateLabel: String
        let over: String?
        let fill: String
        let mark80: String
        let mark100: String
        let warn: Bool
        let isOver: Bool
    }

    static func id(_ text: String?, _ what: String) throws -> UUID {
        guard let id = text.flatMap({ UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DomainError(.notFound, "\(what) not found")
        }
        return id
    }

    /// `1.5 時間` / `1.5 h`.
    static func hours(_ minutes: Int, _ t: Catalogue, _ f: PageFormat) -> String {
        t.format("prg_hours", ["hours": f.number(Double(minutes) / 60)])
    }

    static func bar(label: String, use: BudgetUse, _ t: Catalogue, _ f: PageFormat) -> Bar {
        let limit = max(use.limitMinutes, 1)
        // The scale reaches 125 % of the limit, or further when the use goes past it.
        let scale = Double(max(limit * 5 / 4, use.usedMinutes))
        // x on the bar's 300-wide drawing.
        func percent(_ minutes: Int) -> String {
            let value = min(300, Double(minutes) * 300 / scale)
            return String(format: "%.1f", value)
        }
        let state = use.state
        let figure = t.format("prg_bar_figure", [
            "used": f.number(use.usedHours), "limit": f.number(use.limitHours),
            "percent": use.percent.map { f.percent($0 / 100) } ?? "–",
        ])
        return Bar(
            label: label, figure: figure, state: state.rawValue, stateLabel: t["prg_budget_\(state.rawValue)"],
            over: state == .over ? t.format("prg_over_by", ["hours": f.number(Double(use.overMinutes) / 60)]) : nil,
            fill: percent(use.usedMinutes), mark80: percent(limit * 4 / 5), mark100: percent(limit),
            warn: state == .warning, isOver: state == .over)
    }

    static func state(_ state: Enrolment.State, _ t: Catalogue) -> String { t["prg_state_\(state.rawValue)"] }

    static func kind(_ kind: ProgramSessionKind, _ t: Catalogue) -> String { t["prg_kind_\(kind.rawValue)"] }

    static func party(_ party: GoalSheetParty, _ t: Catalogue) -> String { t["prg_party_\(party.rawValue)"] }

    /// A program month's days: `11月20日〜12月19日` / `20 Nov – 19 Dec`.
    static func days(_ days: ClosedRange<LocalDate>, _ t: Catalogue, _ f: PageFormat) -> String {
        t.format("prg_days", ["from": f.shortDate(days.lowerBound), "to": f.shortDate(days.upperBound)])
    }

    /// A typed decimal (`8`, `1,234.5`, `-2`); empty is `nil`; anything else refuses `field` with `message`.
    static func decimal(_ text: String?, field: String, _ message: String = "prg_err_number") throws -> Double? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= 30, let value = Double(trimmed), value.isFinite, abs(value) <= 1e15 else {
            throw DomainError(.invalid, message, field: field)
        }
        return value
    }

    /// A typed whole number; empty is `nil`.
    static func integer(_ text: String?, field: String, _ message: String = "prg_err_number") throws -> Int? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= 9, let value = Int(trimmed) else { throw DomainError(.invalid, message, field: field) }
        return value
    }

    /// A typed day (`2026-11-24`); empty is `nil`.
    static func date(_ text: String?, field: String) throws -> LocalDate? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= 10, let day = LocalDate(iso: trimmed) else { throw DomainError(.invalid, "prg_err_date", field: field) }
        return day
    }

    /// Hours as typed (`1.5`) to minutes, in quarter hours or finer as the use case allows.
    static func minutes(fromHours text: String?, field: String) throws -> Int? {
        guard let hours = try decimal(text, field: field, "prg_err_hours") else { return nil }
        guard hours >= 0, hours <= 10_000 else { throw DomainError(.invalid, "prg_err_hours", field: field) }
        return Int((hours * 60).rounded())
    }

    static func version(_ text: String?) -> Int? { text.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
}
