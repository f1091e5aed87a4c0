import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/admin/health-model`: the health model in force — every signal with its weight, share, normalisation and
/// no-data score, the grade thresholds —, the form that saves a new version (CS operations and admins; old scores
/// keep their version), the versions, and the back-test of one version ("can we trust this score?": outcome shares
/// per grade and AUC per horizon, or the counts when there are too few renewals).
struct HealthModelPage: Sendable {
    let store: Store

    struct SignalRow: Sendable {
        let label: String
        let key: String
        let weight: String
        let share: String
        let normalisation: String
        let noData: String
    }

    struct Shown: Sendable {
        let version: Int
        let heading: String
        let made: String
        let note: String?
        let signals: [SignalRow]
        let thresholds: String
        let isCurrent: Bool
    }

    /// One editable signal of the form; every input keeps what was typed when the form comes back.
    struct FormRow: Sendable {
        let index: Int
        let isNew: Bool
        let kindLabel: String
        let kind: String
        let kindOptions: [FormOption]
        let metric: String
        let weight: String
        let linear: Bool
        let worst: String
        let best: String
        let below: String
        let steps: String
        let noData: String
        let remove: Bool
        let kindError: String?
        let weightError: String?
        let normalisationError: String?
        let noDataError: String?
    }

    struct EditForm: Sendable {
        let rows: [FormRow]
        let count: Int
        let a: String
        let b: String
        let c: String
        let note: String
        let error: String?
        let aError: String?
        let bError: String?
        let cError: String?
        let noteError: String?
    }

    struct VersionRow: Sendable {
        let version: Int
        let made: String
        let note: String?
        let href: String
        let current: Bool
        let shown: Bool
    }

    struct GradeRow: Sendable {
        let grade: String
        let renewals: String
        let churned: String
        let contracted: String
        let renewed: String
        let expanded: String
    }

    struct Horizon: Sendable {
        let heading: String
        let id: String
        let summary: String
        let tooSmall: Bool
        let tooSmallText: String
        let auc: String?
        let aucReading: String?
        let grades: [GradeRow]
    }

    struct BackTestView: Sendable {
        let heading: String
        let renewals: String
        let horizons: [Horizon]
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let notice: String?
        let shown: Shown
        let form: EditForm?
        let versions: [VersionRow]
        let backTest: BackTestView?
    }

    // MARK: - Showing

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let query = request.uri.queryParameters
        let asked = query["version"].flatMap { Int(String($0)) }
        if query["version"] != nil, asked == nil || asked! < 1 { throw DomainError(.notFound, "health model version not found") }
        let notice = query["done"] == "saved" ? "crep_hm_notice_saved" : nil
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, version: asked, page: request.uri.description, refused: nil, notice: notice)
        }
        return PageResponse.render("report-health-model", model)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, version asked: Int?, page: String, refused: (Fields, DomainError)?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let models = HealthModels(tx, caller)
        let current = try await models.current()
        var shown = current
        if let asked { shown = try await models.get(asked) }
        let versions = try await models.list()
        let names = try await MemberRepository.displayNames(tx)
        func made(_ v: HealthModelRepository.Version) -> String {
            let who = v.createdBy.flatMap { names[$0] } ?? t["crep_hm_by_system"]
            return t.format("crep_hm_made", ["date": f.dateTime(v.createdAt), "who": who])
        }
        let spec = HealthModelSpec(shown.model)
        let total = shown.model.signals.reduce(0) { $0 + $1.weight }
        let signals = shown.model.signals.map { signal in
            SignalRow(
                label: signal.kind.label(f.language == .ja ? .ja : .en), key: signal.kind.description,
                weight: f.number(signal.weight), share: f.percent(total > 0 ? signal.weight / total : 0),
                normalisation: Self.describe(signal.normalisation, t, f), noData: f.number(signal.noDataScore))
        }
        let th = spec.thresholds
        let shownModel = Shown(
            version: shown.model.version,
            heading: t.format(shown.model.version == current.model.version ? "crep_hm_current_heading" : "crep_hm_version_heading",
                              ["version": "\(shown.model.version)"]),
            made: made(shown), note: shown.note, signals: signals,
            thresholds: t.format("crep_hm_thresholds_text", ["a": f.number(th.a), "b": f.number(th.b), "c": f.number(th.c)]),
            isCurrent: shown.model.version == current.model.version)
        let canManage = DirectoryAdmin.orgWide(reader, .manageHealthModels)
        let form = canManage ? Self.form(current: HealthModelSpec(current.model), refused: refused, t: t, f: f) : nil
        var backTest: BackTestView?
        if reader.may(.readContractValues) {
            let answer = try await BackTests(tx, caller).run(version: shown.model.version, horizons: [12, 6, 3])
            backTest = Self.backTest(answer, t: t, f: f)
        }
        return Model(
            chrome: reader.chrome(title: t["crep_hm_title"], current: "/admin", page: page), t: t.strings,
            notice: notice.map { t[$0] }, shown: shownModel, form: form,
            versions: versions.map { v in
                VersionRow(
                    version: v.model.version, made: made(v), note: v.note, href: "/admin/health-model?version=\(v.model.version)",
                    current: v.model.version == current.model.version, shown: v.model.version == shown.model.version)
            },
            backTest: backTest)
    }

    static func describe(_ normalisation: HealthNormalisation, _ t: Catalogue, _ f: PageFormat) -> String {
        switch normalisation {
        case .linear(let worst, let best):
            return t.format("crep_hm_linear_text", ["worst": f.number(worst), "best": f.number(best)])
        case .steps(let below, let steps):
            var parts = [t.format("crep_hm_steps_below", ["from": f.number(steps.first?.from ?? 0), "score": f.number(below)])]
            parts += steps.map { t.format("crep_hm_steps_from", ["from": f.number($0.from), "score": f.number($0.score)]) }
            return parts.joined(separator: t["crep_list_separator"])
        }
    }

    static let standardKinds = ["nps", "open_high_priority_tickets", "days_since_last_touch", "check_up_answers", "check_ups_unanswered", "goal_sheet_progress"]

    private static func form(current: HealthModelSpec, refused: (Fields, DomainError)?, t: Catalogue, f: PageFormat) -> EditForm {
        let error = refused.map { e -> DomainError in var e = e.1; e.message = t.explain(e); return e }
        // Validation names the spec's index; the form's rows keep theirs (a removed row is not in the spec).
        let specRow = refused?.0.specRows ?? []
        func fieldError(_ row: Int, _ name: String) -> String? {
            guard let error, let field = error.field, let i = specRow.firstIndex(of: row) else { return nil }
            return field == "signals[\(i)].\(name)" ? error.message : nil
        }
        func plain(_ value: Double) -> String { f.number(value, fractionDigits: 4).replacingOccurrences(of: ",", with: "") }
        func kindOptions(_ chosen: String) -> [FormOption] {
            [FormOption(value: "", label: t["crep_hm_kind_choose"], selected: chosen.isEmpty)]
                + (standardKinds + ["usage"]).map { FormOption(value: $0, label: t["crep_hm_kind_\($0)"], selected: chosen == $0) }
        }
        var rows: [FormRow] = []
        if let typed = refused?.0 {
            for i in 0..<typed.count {
                let kind = typed.value("kind", i)
                let isNew = typed.value("new", i) == "1"
                let label = HealthSignalKind(key: kind).map { $0.label(f.language == .ja ? .ja : .en) } ?? kind
                rows.append(FormRow(
                    index: i, isNew: isNew, kindLabel: label, kind: kind, kindOptions: kindOptions(kind), metric: typed.value("metric", i),
                    weight: typed.value("weight", i), linear: typed.value("norm", i) != "steps", worst: typed.value("worst", i),
                    best: typed.value("best", i), below: typed.value("below", i), steps: typed.value("steps", i),
                    noData: typed.value("nodata", i), remove: typed.value("remove", i) == "1",
                    kindError: fieldError(i, "kind"), weightError: fieldError(i, "weight"),
                    normalisationError: fieldError(i, "normalisation"), noDataError: fieldError(i, "no_data_score")))
            }
        } else {
            for (i, signal) in current.signals.enumerated() {
                let kind = HealthSignalKind(key: signal.kind)
                rows.append(FormRow(
                    index: i, isNew: false, kindLabel: kind.map { $0.label(f.language == .ja ? .ja : .en) } ?? signal.kind, kind: signal.kind,
                    kindOptions: [], metric: "", weight: plain(signal.weight), linear: signal.normalisation.linear != nil,
                    worst: signal.normalisation.linear.map { plain($0.worst) } ?? "", best: signal.normalisation.linear.map { plain($0.best) } ?? "",
                    below: signal.normalisation.steps.map { plain($0.below) } ?? "",
                    steps: signal.normalisation.steps.map { $0.steps.map { "\(plain($0.from)):\(plain($0.score))" }.joined(separator: ", ") } ?? "",
                    noData: plain(signal.noDataScore), remove: false, kindError: nil, weightError: nil, normalisationError: nil, noDataError: nil))
            }
            let n = rows.count
            rows.append(FormRow(
                index: n, isNew: true, kindLabel: "", kind: "", kindOptions: kindOptions(""), metric: "", weight: "", linear: true,
                worst: "", best: "", below: "", steps: "", noData: "", remove: false, kindError: nil, weightError: nil,
                normalisationError: nil, noDataError: nil))
        }
        let typed = refused?.0
        let placed: Set<String?> = ["thresholds.a", "thresholds.b", "thresholds.c", "note"]
        let rowPlaced = rows.contains { $0.kindError != nil || $0.weightError != nil || $0.normalisationError != nil || $0.noDataError != nil }
        return EditForm(
            rows: rows, count: rows.count,
            a: typed?.value("threshold_a") ?? plain(current.thresholds.a), b: typed?.value("threshold_b") ?? plain(current.thresholds.b),
            c: typed?.value("threshold_c") ?? plain(current.thresholds.c), note: typed?.value("note") ?? "",
            error: error.flatMap { placed.contains($0.field) || rowPlaced ? nil : $0.message },
            aError: error.flatMap { $0.field == "thresholds.a" ? $0.message : nil },
            bError: error.flatMap { $0.field == "thresholds.b" ? $0.message : nil },
            cError: error.flatMap { $0.field == "thresholds.c" ? $0.message : nil },
            noteError: error.flatMap { $0.field == "note" ? $0.message : nil })
    }

    private static func backTest(_ answer: BackTests.Answer, t: Catalogue, f: PageFormat) -> BackTestView {
        func share(_ count: Int, _ value: Double?) -> String {
            value.map { "\(f.number(Double(count))) (\(f.percent($0)))" } ?? f.number(Double(count))
        }
        let horizons = answer.horizons.map { h -> Horizon in
            let r = h.result
            let grades = HealthGrade.allCases.reversed().map { grade -> GradeRow in
                let counts = r.counts[grade] ?? [:]
                let shares = r.shares?[grade]
                return GradeRow(
                    grade: grade.rawValue, renewals: f.number(Double(counts.values.reduce(0, +))),
                    churned: share(counts[.churned] ?? 0, shares?[.churned]), contracted: share(counts[.contracted] ?? 0, shares?[.contracted]),
                    renewed: share(counts[.renewed] ?? 0, shares?[.renewed]), expanded: share(counts[.expanded] ?? 0, shares?[.expanded]))
            }
            let reading: String? = r.auc.map { auc in
                auc >= 0.7 ? t["crep_hm_auc_good"] : auc > 0.55 ? t["crep_hm_auc_weak"] : auc >= 0.45 ? t["crep_hm_auc_chance"] : t["crep_hm_auc_wrong"]
            }
            return Horizon(
                heading: t.format("crep_hm_horizon", ["months": "\(h.months)"]), id: "bt-\(h.months)",
                summary: t.format("crep_hm_horizon_summary", ["graded": f.number(Double(r.renewals)), "ungraded": f.number(Double(h.ungraded))]),
                tooSmall: r.tooSmall,
                tooSmallText: t.format("crep_hm_too_small", ["count": f.number(Double(r.renewals)), "minimum": "\(BackTestResult.minimumRenewals)"]),
                auc: r.auc.map { f.number($0, fractionDigits: 2) }, aucReading: reading, grades: grades)
        }
        return BackTestView(
            heading: t.format("crep_hm_backtest_heading", ["version": "\(answer.modelVersion)"]),
            renewals: t.format("crep_hm_backtest_renewals", ["count": f.number(Double(answer.renewals))]), horizons: horizons)
    }

    // MARK: - Saving a new version

    /// The form's fields as typed: row `i`'s inputs are `kind_i`, `weight_i`, `norm_i` (linear or steps), `worst_i`,
    /// `best_i`, `below_i`, `steps_i` (`1:60, 3:20`), `nodata_i`, `remove_i`, `metric_i` and `new_i`; `rows` counts them.
    struct Fields: Sendable {
        let values: [String: String]
        var specRows: [Int] = []

        var count: Int { min(Int(values["rows"] ?? "") ?? 0, 40) }
        func value(_ name: String, _ row: Int) -> String { values["\(name)_\(row)"]?.trimmingCharacters(in: .whitespaces) ?? "" }
        func value(_ name: String) -> String? { values[name] }
    }

    func save(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        var fields = Fields(values: try await request.decodeForm(as: [String: String].self, context: context))
        do {
            let spec = try Self.spec(&fields)
            let created = try await store.tenant(context) { tx, caller in
                let models = HealthModels(tx, caller)
                try models.requireManage()
                return try await models.create(spec, note: fields.value("note"))
            }
            return .seeOther("/admin/health-model?done=saved&version=\(created.model.version)")
        } catch let error as DomainError where error.code == .invalid || error.code == .missing {
            let model = try await store.tenant(context) { tx, caller in
                try HealthModels(tx, caller).requireManage()
                return try await load(tx, caller, version: nil, page: "/admin/health-model", refused: (fields, error), notice: nil)
            }
            return PageResponse.render("report-health-model", model, status: .unprocessableContent)
        }
    }

    /// The spec the form describes, or the first input that cannot be read, named as the use case names its own
    /// refusals (`signals[i].weight`) with `i` the spec's index; `fields.specRows` maps it back to the form's row.
    static func spec(_ fields: inout Fields) throws -> HealthModelSpec {
        var signals: [HealthModelSpec.Signal] = []
        var rows: [Int] = []
        for row in 0..<fields.count {
            let isNew = fields.value("new", row) == "1"
            if fields.value("remove", row) == "1" { continue }
            var kind = fields.value("kind", row)
            // The blank row for a new signal is left out unless something was chosen or typed in it.
            if isNew, kind.isEmpty, fields.value("weight", row).isEmpty { continue }
            let i = signals.count
            rows.append(row)
            fields.specRows = rows
            if kind == "usage" {
                let metric = fields.value("metric", row)
                guard !metric.isEmpty else { throw DomainError(.invalid, "crep_hm_error_metric", field: "signals[\(i)].kind") }
                kind = "usage:\(metric)"
            }
            func number(_ name: String, _ field: String) throws -> Double {
                guard let value = Double(fields.value(name, row).replacingOccurrences(of: ",", with: "")), value.isFinite else {
                    throw DomainError(.invalid, "crep_hm_error_number", field: "signals[\(i)].\(field)")
                }
                return value
            }
            let weight = try number("weight", "weight")
            let normalisation: HealthModelSpec.Normalisation
            if fields.value("norm", row) == "steps" {
                let below = try number("below", "normalisation")
                var steps: [HealthStep] = []
                for part in fields.value("steps", row).split(separator: ",") {
                    let pair = part.split(separator: ":").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                    guard pair.count == 2, let from = pair[0], let score = pair[1] else {
                        throw DomainError(.invalid, "crep_hm_error_steps", field: "signals[\(i)].normalisation")
                    }
                    steps.append(HealthStep(from: from, score: score))
                }
                normalisation = .init(steps: .init(below: below, steps: steps))
            } else {
                normalisation = .init(linear: .init(worst: try number("worst", "normalisation"), best: try number("best", "normalisation")))
            }
            let noData = try number("nodata", "no_data_score")
            signals.append(HealthModelSpec.Signal(kind: kind, weight: weight, normalisation: normalisation, noDataScore: noData))
        }
        func threshold(_ name: String) throws -> Double {
            guard let value = Double(fields.value("threshold_\(name)")?.trimmingCharacters(in: .whitespaces) ?? ""), value.isFinite else {
                throw DomainError(.invalid, "crep_hm_error_number", field: "thresholds.\(name)")
            }
            return value
        }
        return HealthModelSpec(signals: signals, thresholds: .init(a: try threshold("a"), b: try threshold("b"), c: try threshold("c")))
    }
}
