import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/goals/{id}`: one goal — its measures and progress, the SMART verdict per letter with its reason, the check-in
/// history with a sparkline of the actuals, the check-in form for its owner (save a draft, submit; the previous
/// period beside it), the review form for its reviewer, the goals below it and a form to add one (a KSF under a
/// KGI, a KPI under a KSF). Another organisation's id, or a goal the reader may not see, is the 404 page.
struct GoalPage: Sendable {
    let store: Store

    struct Verdict: Sendable {
        let letter: String
        let name: String
        let pass: Bool
        let mark: String
        let reason: String
    }

    struct HistoryRow: Sendable {
        let period: String
        let state: String
        let actual: String
        let confidence: String?
        let confidenceClass: String
        let comment: String
        let reviewNote: String?
    }

    struct CheckInForm: Sendable {
        let action: String
        let period: String
        let periodLabel: String
        let version: String
        let actual: String
        let comment: String
        let blockers: String
        let confidences: [FormOption]
        let needsActual: Bool
        /// A bound KPI: where its actual comes from and the value so far; the recompute form when a check-in is open.
        let bound: String?
        let recomputeAction: String?
        let previous: String?
        let error: String?
        let actualError: String?
        let confidenceError: String?
    }

    struct ReviewForm: Sendable {
        let action: String
        let checkIn: String
        let period: String
        let actual: String
        let confidence: String
        let comment: String
        let blockers: String
        let error: String?
    }

    struct Child: Sendable {
        let kindLabel: String
        let title: String
        let href: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let kindLabel: String
        let title: String
        let description: String?
        let facts: [Fact]
        let parent: Child?
        let progressLabel: String
        let percent: Int
        let hasProgress: Bool
        let smart: [Verdict]
        let smartPasses: Bool
        let sparkline: Sparkline?
        let history: [HistoryRow]
        let hasHistory: Bool
        let checkIn: CheckInForm?
        let review: ReviewForm?
        let children: [Child]
        let newChild: NewGoalForm?
        let manage: GoalManagement
        let archived: Bool
        let notice: String?
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    /// What the reader typed into a refused form, to show it again with the problem next to its field.
    enum Refused {
        case checkIn(values: [String: String], error: DomainError)
        case review(comment: String, error: DomainError)
        case newChild(values: [String: String], error: DomainError)
        case edit(values: [String: String], error: DomainError)
        case move(error: DomainError)
        case archive(error: DomainError)
        case copy(error: DomainError)
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let notice = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            try await load(id, tx: tx, caller: caller, page: request.uri.path, refused: nil, notice: notice)
        }
        return PageResponse.render("goal", model)
    }

    // MARK: - Forms

    struct CheckInFields: Decodable {
        var period: String?
        var version: String?
        var actual: String?
        var confidence: String?
        var comment: String?
        var blockers: String?
        var action: String?
    }

    func recordCheckIn(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: CheckInFields.self, context: context)
        let submit = form.action == "submit"
        return try await respond(request, context, goal: id, done: submit ? "submitted" : "saved") { tx, caller in
            let actual: Double?? =
                try form.actual.map { text in
                    let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
                    if trimmed.isEmpty { return .some(nil) }
                    guard let value = Double(trimmed), value.isFinite else {
                        throw DomainError(.invalid, "form_number", field: "actual")
                    }
                    return .some(value)
                } ?? nil
            let confidence: CheckIn.Confidence?? = form.confidence.flatMap { $0.isEmpty ? nil : CheckIn.Confidence(rawValue: $0) }.map { .some($0) }
            let values = CheckIns.Values(
                actual: actual, confidence: confidence, comment: .some(Self.text(form.comment)), blockers: .some(Self.text(form.blockers)))
            _ = try await CheckIns(tx, caller).record(
                goalID: id, period: form.period ?? "", values, submit: submit, expectedVersion: form.version.flatMap { Int($0) })
        } refused: { error in
            .checkIn(values: ["actual": form.actual ?? "", "confidence": form.confidence ?? "", "comment": form.comment ?? "",
                              "blockers": form.blockers ?? ""], error: error)
        }
    }

    struct RecomputeFields: Decodable {
        var period: String?
    }

    /// A bound KPI's actual computed again from today's figures, into the period's open check-in.
    func recompute(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: RecomputeFields.self, context: context)
        var written = true
        let response = try await respond(request, context, goal: id, done: "recomputed") { tx, caller in
            written = try await BoundMetrics(tx, caller).compute(goal: id, period: form.period.flatMap { $0.isEmpty ? nil : $0 }).written
        } refused: { error in
            .checkIn(values: [:], error: error)
        }
        if response.status == .seeOther, !written { return .seeOther("/goals/\(id.lowercased)?done=recomputed_empty") }
        return response
    }

    struct ReviewFields: Decodable {
        var checkIn: String?
        var decision: String?
        var comment: String?

        enum CodingKeys: String, CodingKey {
            case checkIn = "check_in", decision, comment
        }
    }

    func review(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: ReviewFields.self, context: context)
        return try await respond(request, context, goal: id, done: "reviewed") { tx, caller in
            guard let checkIn = form.checkIn.flatMap(UUID.init(uuidString:)) else {
                throw DomainError(.missing, "form_missing", field: "check_in")
            }
            guard let decision = form.decision.flatMap(CheckIn.ReviewDecision.init(rawValue:)) else {
                throw DomainError(.missing, "form_decision", field: "decision")
            }
            _ = try await CheckIns(tx, caller).review(checkIn, decision: decision, comment: Self.text(form.comment))
        } refused: { error in
            .review(comment: form.comment ?? "", error: error)
        }
    }

    func createChild(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let parentID = try Self.id(request, context)
        let form = try await request.decodeForm(as: GoalFields.self, context: context)
        var created: UUID?
        let response = try await respond(request, context, goal: parentID, done: "created") { tx, caller in
            let goals = Goals(tx, caller)
            let parent = try await goals.get(parentID)
            guard let kind = form.kind.flatMap(Goal.Kind.init(rawValue:)), kind != .kgi else {
                throw DomainError(.invalid, "form_kind", field: "kind")
            }
            let new = try form.new(
                kind: kind, parentID: parent.id, period: parent.period.description, companyID: parent.companyID,
                teamID: parent.teamID)
            created = try await goals.create(try await goals.check(new)).id
        } refused: { error in
            .newChild(values: form.typed, error: error)
        }
        // The new goal's own page, where its SMART verdict is shown.
        if response.status == .seeOther, let created { return .seeOther("/goals/\(created.lowercased)?done=created") }
        return response
    }

    /// Runs a form's change in one transaction; on success 303 back to the goal, on a refusal the goal page again
    /// (422 or the refusal's status) with the input kept and the message beside the field it names.
    func respond(
        _ request: Request, _ context: AuthenticatedContext, goal id: UUID, done: String,
        _ change: @escaping (TenantTransaction, Caller) async throws -> Void,
        refused: @escaping (DomainError) -> Refused
    ) async throws -> Response {
        let refusal: DomainError
        do {
            try await store.tenant(context) { tx, caller in try await change(tx, caller) }
            return .seeOther("/goals/\(id.lowercased)?done=\(done)")
        } catch let failure as SmartCheckFailure {
            refusal = failure.refusal
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            refusal = error
        }
        let model = try await store.tenant(context) { tx, caller in
            try await load(id, tx: tx, caller: caller, page: request.uri.path, refused: refused(refusal), notice: nil)
        }
        return PageResponse.render("goal", model, status: Problem(domain: refusal).status)
    }

    // MARK: - The page

    private func load(
        _ id: UUID, tx: TenantTransaction, caller: Caller, page: String, refused: Refused?, notice: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        // The page's own refusals carry a catalogue key; the use cases' speak for themselves.
        let refused = refused.map { refusal -> Refused in
            func local(_ e: DomainError) -> DomainError { var e = e; e.message = t.explain(e); return e }
            switch refusal {
            case .checkIn(let values, let error): return .checkIn(values: values, error: local(error))
            case .review(let comment, let error): return .review(comment: comment, error: local(error))
            case .newChild(let values, let error): return .newChild(values: values, error: local(error))
            case .edit(let values, let error): return .edit(values: values, error: local(error))
            case .move(let error): return .move(error: local(error))
            case .archive(let error): return .archive(error: local(error))
            case .copy(let error): return .copy(error: local(error))
            }
        }
        let goals = Goals(tx, caller)
        let goal = try await goals.get(id)
        let (smart, _) = try await goals.smart(id)
        let checkIns = try await CheckIns(tx, caller).list(goalID: id).sorted { $0.periodStart < $1.periodStart }
        let names = try await MemberRepository.displayNames(tx)
        let parent = try await goal.parentID.asyncFlatMap { try? await goals.get($0) }
        let children = try await GoalRepository.list(
            tx, filter: .init(parentID: id), visibleTo: caller.identity.reach(.readGoals), after: nil, limit: 200).items
        let identity = caller.identity
        let canWrite = (try? GoalAccess.requireWrite(identity, goal)) != nil && !goal.isArchived
        let today = reader.today(caller.now)
        let unit = goal.unit.map { " " + $0 } ?? ""
        func figure(_ value: Double?) -> String { value.map { f.number($0) + unit } ?? "–" }

        let lastActual = checkIns.last { $0.actual != nil && $0.state != .open }?.actual
        let share = GoalTreeProgress.compute([
            GoalTreeProgress.Node(
                id: goal.id, parentID: nil, kind: goal.kind, baseline: goal.baseline, target: goal.target,
                direction: goal.direction, weight: goal.weight, actual: lastActual)
        ])[goal.id]

        var facts = [
            Fact(label: t["goal_period"], value: f.period(goal.period)),
            Fact(label: t["goal_owner"], value: names[goal.ownerID] ?? ""),
            Fact(label: t["goal_status"], value: t["goal_status_\(goal.status.rawValue)"]),
        ]
        if let metric = goal.metric { facts.append(Fact(label: t["goal_metric"], value: metric)) }
        if goal.baseline != nil || goal.target != nil {
            facts.append(Fact(label: t["goal_baseline_target"], value: "\(figure(goal.baseline)) → \(figure(goal.target))"))
        }
        facts.append(Fact(label: t["goal_last_actual"], value: figure(lastActual)))
        if let due = goal.dueDate { facts.append(Fact(label: t["goal_due"], value: f.date(due))) }
        if let metric = goal.boundMetric { facts.append(Fact(label: t["goal_bound_metric"], value: t["bound_metric_\(metric.rawValue)"])) }

        let history = checkIns.reversed().map { c in
            HistoryRow(
                period: c.period, state: t["checkin_state_\(Self.stateKey(c, bound: goal.boundMetric != nil))"], actual: figure(c.actual),
                confidence: c.confidence.map { t["confidence_\($0.rawValue)"] }, confidenceClass: c.confidence?.rawValue ?? "",
                comment: c.comment ?? "",
                reviewNote: c.reviewComment.map { (c.reviewerID.flatMap { names[$0] } ?? "") + ": " + $0 })
        }

        // The owner's form: the open check-in, else the period running today.
        var checkInForm: CheckInForm?
        if canWrite {
            let open = checkIns.last { $0.state == .open }
            let running = CheckInPeriod.containing(today, cadence: goal.cadence, fiscalYearStartMonth: identity.fiscalYearStartMonth)
            let period = open?.period ?? running.description
            // A bound KPI shows its value so far: the open check-in's period, else the one running today.
            var bound: String?
            if let metric = goal.boundMetric {
                let value = try await BoundMetricRepository.value(
                    tx, metric: metric, goal: goal, start: open?.periodStart ?? running.start, end: open?.periodEnd ?? running.end)
                bound = t.format("goal_bound_filled", ["metric": t["bound_metric_\(metric.rawValue)"]])
                    + " " + t.format("goal_bound_value_now", ["value": figure(value)])
            }
            let previous = checkIns.last { $0.state != .open && $0.period != period }
            var values = ["actual": open?.actual.map { f.number($0, fractionDigits: 6).replacingOccurrences(of: ",", with: "") } ?? "",
                          "confidence": open?.confidence?.rawValue ?? "", "comment": open?.comment ?? "", "blockers": open?.blockers ?? ""]
            var error: DomainError?
            if case .checkIn(let typed, let refusal) = refused { values = typed; error = refusal }
            let alreadySubmitted = checkIns.contains { $0.period == period && $0.state != .open }
            if !alreadySubmitted || open != nil {
                checkInForm = CheckInForm(
                    action: "/goals/\(id.lowercased)/check-in", period: period, periodLabel: t.format("checkin_for", ["period": period]),
                    version: open.map { String($0.version) } ?? "", actual: values["actual"] ?? "", comment: values["comment"] ?? "",
                    blockers: values["blockers"] ?? "",
                    confidences: CheckIn.Confidence.allCases.map {
                        FormOption(value: $0.rawValue, label: t["confidence_\($0.rawValue)"], selected: values["confidence"] == $0.rawValue)
                    },
                    needsActual: goal.kind == .kpi,
                    bound: bound, recomputeAction: bound != nil && open != nil ? "/goals/\(id.lowercased)/bound-value" : nil,
                    previous: previous.map {
                        t.format("checkin_previous", ["period": $0.period, "actual": figure($0.actual),
                                                      "confidence": $0.confidence.map { t["confidence_\($0.rawValue)"] } ?? "–"])
                    },
                    error: error.flatMap { ["actual", "confidence"].contains($0.field ?? "") ? nil : $0.message },
                    actualError: error.flatMap { $0.field == "actual" ? $0.message : nil },
                    confidenceError: error.flatMap { $0.field == "confidence" ? $0.message : nil })
            }
        }

        // The reviewer's form: a submitted check-in waiting for this reader.
        var reviewForm: ReviewForm?
        if let waiting = checkIns.last(where: { $0.state == .submitted }), goal.ownerID != identity.memberID,
            waiting.reviewerID == identity.memberID
                || identity.authorizer.can(identity.actor, .reviewCheckIns, in: goal.permissionScope).allowed
        {
            var comment = ""
            var error: String?
            if case .review(let typed, let refusal) = refused { comment = typed; error = refusal.message }
            reviewForm = ReviewForm(
                action: "/goals/\(id.lowercased)/review", checkIn: waiting.id.lowercased, period: waiting.period, actual: figure(waiting.actual),
                confidence: waiting.confidence.map { t["confidence_\($0.rawValue)"] } ?? "–", comment: comment,
                blockers: waiting.blockers ?? "", error: error)
        }

        // Adding a goal below: a KSF under a KGI, a KPI under a KSF.
        var newChild: NewGoalForm?
        if canWrite, goal.kind != .kpi {
            let kind: Goal.Kind = goal.kind == .kgi ? .ksf : .kpi
            var typed: [String: String] = [:]
            var refusal: DomainError?
            if case .newChild(let values, let error) = refused { (typed, refusal) = (values, error) }
            newChild = NewGoalForm(
                action: "/goals/\(id.lowercased)/children", kind: kind, heading: t["goal_add_\(kind.rawValue)"], parent: id.lowercased,
                typed: typed,
                refusal: refusal, t: t)
        }

        let below = try await GoalRepository.subtreeIDs(tx, of: id).count - 1
        let management = try await GoalManagement.build(
            goal: goal, canWrite: canWrite, below: below, tx: tx, caller: caller, reader: reader, refused: refused)

        let notices = [
            "saved": "notice_saved", "submitted": "notice_submitted", "reviewed": "notice_reviewed", "created": "notice_created",
            "edited": "notice_edited", "moved": "notice_moved", "archived": "notice_archived", "copied": "notice_copied",
            "recomputed": "notice_recomputed", "recomputed_empty": "notice_recomputed_empty",
        ]
        return Model(
            chrome: reader.chrome(title: goal.title, current: "/goals/tree", page: page), t: t.strings,
            kindLabel: t["kind_\(goal.kind.rawValue)"], title: goal.title, description: goal.description, facts: facts,
            parent: parent.map { Child(kindLabel: t["kind_\($0.kind.rawValue)"], title: $0.title, href: "/goals/\($0.id.lowercased)") },
            progressLabel: share.map { t.format("tree_progress", ["percent": f.percent($0)]) } ?? t["tree_progress_unknown"],
            percent: Int(((share ?? 0) * 100).rounded().clamped(to: 0...100)), hasProgress: share != nil,
            smart: smart.verdicts.map {
                Verdict(
                    letter: String($0.letter.rawValue.prefix(1)).uppercased(), name: t["smart_\($0.letter.rawValue)"], pass: $0.pass,
                    mark: $0.pass ? t["smart_pass"] : t["smart_fail"], reason: $0.reason)
            },
            smartPasses: smart.passes,
            sparkline: Sparkline(checkIns.compactMap { c in c.actual.map { (c.period, $0) } }, format: { figure($0) }, t: t),
            history: history, hasHistory: !history.isEmpty, checkIn: checkInForm, review: reviewForm,
            children: children.map { Child(kindLabel: t["kind_\($0.kind.rawValue)"], title: $0.title, href: "/goals/\($0.id.lowercased)") },
            newChild: newChild, manage: management, archived: goal.isArchived,
            notice: notice.flatMap { notices[$0] }.map { t[$0] })
    }

    /// A bound KPI's actual fills itself: only what its owner wrote makes its open check-in a draft.
    static func stateKey(_ c: CheckIn, bound: Bool = false) -> String {
        switch c.state {
        case .open:
            c.reviewDecision == .requestChanges
                ? "changes_requested"
                : ((c.actual != nil && !bound) || c.confidence != nil || c.comment != nil || c.blockers != nil ? "draft" : "missing")
        case .submitted: "submitted"
        case .reviewed: "reviewed"
        }
    }

    static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func id(_ request: Request, _ context: AuthenticatedContext) throws -> UUID {
        // A malformed id is a page that does not exist, like another organisation's.
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "goal not found")
        }
        return id
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
