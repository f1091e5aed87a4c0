import Domain
import Foundation
import Store
import UseCases

/// The goal page's forms that change the goal itself — edit, move under another goal, archive with its subtree,
/// copy into a later period — for a reader who may write it. Each form comes back with what was typed and the
/// message beside the field a refusal names.
struct GoalManagement: Sendable {
    struct EditForm: Sendable {
        let action: String
        let version: String
        let values: [String: String]
        let owners: [FormOption]
        let directions: [FormOption]
        let statuses: [FormOption]
        let cadences: [FormOption]
        /// A KPI's choice of computed metric (none, an outcome, a behaviour); a KGI or KSF has none.
        let boundMetrics: [FormOption]
        let bindable: Bool
        let errors: [String: String]
        let error: String?
        let open: Bool
    }

    struct MoveForm: Sendable {
        let action: String
        let parents: [FormOption]
        let error: String?
        let open: Bool
    }

    struct ArchiveForm: Sendable {
        let action: String
        let warning: String
        let confirm: String
        let error: String?
    }

    struct CopyForm: Sendable {
        let action: String
        let periods: [FormOption]
        let explanation: String
        let error: String?
        let open: Bool
    }

    let edit: EditForm?
    let move: MoveForm?
    let archive: ArchiveForm?
    let copy: CopyForm

    /// The fields of the edit form a refusal can point at; any other field's message goes above the form.
    static let editFields: Set<String> = ["title", "description", "owner_id", "metric", "unit", "baseline", "target", "due_date", "weight", "status", "cadence", "bound_metric"]

    static func build(
        goal: Goal, canWrite: Bool, below: Int, tx: TenantTransaction, caller: Caller, reader: Reader,
        refused: GoalPage.Refused?
    ) async throws -> GoalManagement {
        let t = reader.t, f = reader.format
        let id = goal.id.lowercased
        let identity = caller.identity

        var copyError: String?
        if case .copy(let error) = refused { copyError = error.message }
        let copy = CopyForm(
            action: "/goals/\(id)/copy",
            periods: (1...3).map { step in
                let period = goal.period.shifted(by: step)
                return FormOption(value: period.description, label: f.period(period), selected: step == 1)
            },
            explanation: t.format("goal_copy_explanation", ["count": String(below + 1)]), error: copyError, open: copyError != nil)
        guard canWrite else { return GoalManagement(edit: nil, move: nil, archive: nil, copy: copy) }

        // Edit: what was typed when refused, else the goal as it is.
        var values = [
            "title": goal.title, "description": goal.description ?? "", "owner_id": goal.ownerID.lowercased,
            "metric": goal.metric ?? "", "unit": goal.unit ?? "", "baseline": goal.baseline.map { Self.plain($0, f) } ?? "",
            "target": goal.target.map { Self.plain($0, f) } ?? "", "direction": goal.direction.rawValue,
            "due_date": goal.dueDate?.description ?? "", "weight": Self.plain(goal.weight, f), "status": goal.status.rawValue,
            "cadence": goal.cadence.rawValue, "bound_metric": goal.boundMetric?.rawValue ?? "",
        ]
        var editError: DomainError?
        if case .edit(let typed, let error) = refused { values.merge(typed) { _, new in new }; editError = error }
        let members = try await MemberRepository.list(
            tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
            .filter { $0.active || $0.id == goal.ownerID }
        let edit = EditForm(
            action: "/goals/\(id)/edit", version: String(goal.version), values: values,
            owners: members.map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: values["owner_id"] == $0.id.lowercased) },
            directions: Goal.Direction.allCases.map {
                FormOption(value: $0.rawValue, label: t["direction_\($0.rawValue)"], selected: values["direction"] == $0.rawValue)
            },
            statuses: [Goal.Status.active, .achieved, .missed].map {
                FormOption(value: $0.rawValue, label: t["goal_status_\($0.rawValue)"], selected: values["status"] == $0.rawValue)
            },
            cadences: Cadence.allCases.map {
                FormOption(value: $0.rawValue, label: t["cadence_\($0.rawValue)"], selected: values["cadence"] == $0.rawValue)
            },
            boundMetrics: goal.kind == .kpi ? Self.boundMetricOptions(selected: values["bound_metric"] ?? "", t) : [],
            bindable: goal.kind == .kpi,
            errors: editError.flatMap { error in error.field.flatMap { editFields.contains($0) ? [$0: error.message] : nil } } ?? [:],
            error: editError.flatMap { error in error.field.map(editFields.contains) == true ? nil : error.message },
            open: editError != nil)

        // Move: under a goal of a kind that may hold this one, whose period holds this one's. Only those kinds are
        // read (KGIs and KSFs are few; KPIs are most of a tree), so a large org's parents are not cut off by a cap.
        var move: MoveForm?
        var candidates: [Goal] = []
        for kind in Goal.Kind.allCases where kind.mayHaveChild(goal.kind) {
            candidates += try await GoalRepository.list(
                tx, filter: .init(kind: kind), visibleTo: identity.reach(.readGoals), after: nil, limit: 500
            ).items.filter { $0.id != goal.id && !$0.isArchived && $0.period.contains(goal.period) }
        }
        if !candidates.isEmpty || goal.kind == .kgi {
            var moveError: String?
            if case .move(let error) = refused { moveError = error.message }
            var parents = candidates.map {
                FormOption(
                    value: $0.id.lowercased, label: "\(t["kind_\($0.kind.rawValue)"]) \($0.title) (\(f.period($0.period)))",
                    selected: $0.id == goal.parentID)
            }
            // A KGI may also stand on its own at the top of the tree.
            if goal.kind == .kgi { parents.insert(FormOption(value: "", label: t["goal_move_top"], selected: goal.parentID == nil), at: 0) }
            move = MoveForm(action: "/goals/\(id)/move", parents: parents, error: moveError, open: moveError != nil)
        }

        var archiveError: String?
        if case .archive(let error) = refused { archiveError = error.message }
        let archive = ArchiveForm(
            action: "/goals/\(id)/archive",
            warning: below == 0 ? t["goal_archive_alone"] : t.format("goal_archive_subtree", ["count": String(below)]),
            confirm: t["goal_archive_confirm"], error: archiveError)
        return GoalManagement(edit: edit, move: move, archive: archive, copy: copy)
    }

    /// The computed metrics a KPI may be bound to, after "none".
    static func boundMetricOptions(selected: String, _ t: Catalogue) -> [FormOption] {
        [FormOption(value: "", label: t["goal_bound_none"], selected: selected.isEmpty)]
            + BoundMetric.allCases.map {
                FormOption(value: $0.rawValue, label: t["bound_metric_\($0.rawValue)"], selected: selected == $0.rawValue)
            }
    }

    /// A number as typed into a field: no separators, as many digits as it has.
    static func plain(_ value: Double, _ f: PageFormat) -> String {
        f.number(value, fractionDigits: 6).replacingOccurrences(of: ",", with: "")
    }
}
