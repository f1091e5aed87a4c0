import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/goals/tree`: a period's KGI → KSF → KPI tree for a company (or the whole org), with rolled-up progress bars,
/// the last actual and confidence, and this period's check-in state per goal; filters for period, company, team and
/// "off track only" (which keeps a matching goal's ancestors, so it is still seen in its place). Each level folds
/// with `<details>`: keyboard- and script-free.
struct GoalTreePage: Sendable {
    let store: Store

    struct Node: Sendable {
        let id: String
        let kind: String
        let kindLabel: String
        let title: String
        let href: String
        let owner: String
        let progressLabel: String
        let percent: Int
        let hasProgress: Bool
        let actual: String
        let confidence: String?
        let confidenceClass: String
        let checkIn: String?
        let checkInClass: String
        let children: [Node]
        let hasChildren: Bool
        let childrenLabel: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let periods: [FormOption]
        let companies: [FormOption]
        let teams: [FormOption]
        let offTrackOnly: Bool
        let summary: String
        let roots: [Node]
        let empty: Bool
        /// The tree's nodes as HTML, every text escaped (``HTMLText``); the template places it unescaped.
        let treeHTML: String
        let newKGI: NewGoalForm?
        let notice: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await model(request, context, refused: nil)
        return PageResponse.render("goal-tree", model)
    }

    /// `POST /goals`: a new KGI in the period shown; on success its own page, where its SMART verdict stands.
    func createKGI(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: KGIFields.self, context: context)
        do {
            let id = try await store.tenant(context) { tx, caller in
                let goals = Goals(tx, caller)
                let company = form.goal.company.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
                let new = try form.goal.new(kind: .kgi, parentID: nil, period: form.period ?? "", companyID: company, teamID: nil)
                return try await goals.create(try await goals.check(new)).id
            }
            return .seeOther("/goals/\(id.lowercased)?done=created")
        } catch let failure as SmartCheckFailure {
            let model = try await model(request, context, refused: (form, failure.refusal))
            return PageResponse.render("goal-tree", model, status: .unprocessableContent)
        } catch let error as DomainError where error.code != .notFound {
            let model = try await model(request, context, refused: (form, error))
            return PageResponse.render("goal-tree", model, status: Problem(domain: error).status)
        }
    }

    struct KGIFields: Decodable {
        var period: String?
        var goal: GoalFields

        init(from decoder: any Decoder) throws {
            period = try decoder.container(keyedBy: PeriodKey.self).decodeIfPresent(String.self, forKey: .period)
            goal = try GoalFields(from: decoder)
        }

        enum PeriodKey: String, CodingKey { case period }
    }

    private func model(
        _ request: Request, _ context: AuthenticatedContext, refused: (KGIFields, DomainError)?
    ) async throws -> Model {
        let query = request.uri.queryParameters
        let company = try query["company"].flatMap { $0.isEmpty ? nil : try uuid(String($0), field: "company") }
        let team = try query["team"].flatMap { $0.isEmpty ? nil : try uuid(String($0), field: "team") }
        let offTrackOnly = query["off_track"] == "1"
        let identity = context.identity
        return try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let today = reader.today(caller.now)
            let current = FiscalPeriod.containing(today, kind: .half, startMonth: identity.fiscalYearStartMonth)
            let periodText = refused?.0.period ?? query["period"].map(String.init) ?? current.description
            let checked = try GoalTrees.check(identity, period: periodText, company: company)
            let nodes = try await GoalTrees(tx, caller).nodes(checked)
            let names = try await MemberRepository.displayNames(tx)
            // The companies the reader may read goals somewhere in: the choices that can show something.
            let companies = try await CompanyRepository.list(tx, after: nil, limit: 200).items.filter {
                identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .company($0.id))
            }
            let teams = try await TeamRepository.list(
                tx, companyID: company, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
            let roots = Self.tree(nodes, team: team, offTrackOnly: offTrackOnly, names: names, reader: reader)
            let t = reader.t
            let periodChoices = Self.periodChoices(around: current)
            // Whoever may write goals somewhere may try; the use case says where they may.
            let canCreate = identity.actor.grants.contains {
                $0.role.permissions.contains(.manageGoals) || $0.role.permissions.contains(.writeOwnGoals)
            }
            var newKGI: NewGoalForm?
            if canCreate {
                // Someone who cannot set org-wide goals starts from their first company.
                let orgWide = identity.authorizer.can(identity.actor, .manageGoals, in: .org).allowed
                let typed = refused?.0.goal.typed ?? ["company": orgWide ? "" : companies.first?.id.lowercased ?? ""]
                newKGI = NewGoalForm(
                    action: "/goals", kind: .kgi, heading: t.format("tree_new_kgi", ["period": reader.format.period(checked.period)]),
                    period: checked.period.description,
                    companies: [FormOption(value: "", label: t["tree_org_wide"], selected: (typed["company"] ?? "").isEmpty)]
                        + companies.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: typed["company"] == $0.id.lowercased) },
                    typed: typed, refusal: refused?.1, t: t)
            }
            return Model(
                chrome: reader.chrome(title: t["tree_title"], current: "/goals/tree", page: request.uri.description), t: t.strings,
                periods: (periodChoices.contains(checked.period) ? periodChoices : [checked.period] + periodChoices).map {
                    FormOption(value: $0.description, label: reader.format.period($0), selected: $0 == checked.period)
                },
                companies: [FormOption(value: "", label: t["tree_all"], selected: company == nil)]
                    + companies.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id == company) },
                teams: [FormOption(value: "", label: t["tree_all"], selected: team == nil)]
                    + teams.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id == team) },
                offTrackOnly: offTrackOnly,
                summary: t.format("tree_summary", ["count": String(Self.count(roots))]),
                roots: roots, empty: roots.isEmpty, treeHTML: Self.html(roots), newKGI: newKGI, notice: nil)
        }
    }

    private func uuid(_ text: String, field: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "\(field) is not an id", field: field) }
        return id
    }

    /// This fiscal year's and next year's halves and the years themselves, and the previous year's.
    static func periodChoices(around current: FiscalPeriod) -> [FiscalPeriod] {
        let year = current.fiscalYearPeriod
        return [year.previous, year, year.next].flatMap { [$0] + $0.halves }
    }

    static func count(_ nodes: [Node]) -> Int { nodes.reduce(0) { $0 + 1 + count($1.children) } }

    /// The nodes as nested list items: what `goal-node.mustache` would write, written directly.
    static func html(_ nodes: [Node]) -> String {
        var out = ""
        out.reserveCapacity(nodes.count * 2048)
        func write(_ node: Node) {
            let e = HTMLText.escape
            out += "<li class=\"goal \(node.kind)\"><div class=\"goal-row\"><span class=\"kind\">\(e(node.kindLabel))</span> "
            out += "<a class=\"goal-title\" href=\"\(e(node.href))\">\(e(node.title))</a> "
            out += "<span class=\"owner\">\(e(node.owner))</span> <span class=\"progress\">"
            out += "<svg class=\"bar\" viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(e(node.progressLabel))\">"
            out += "<rect class=\"track\" width=\"100\" height=\"8\"/>"
            if node.hasProgress { out += "<rect class=\"fill\" width=\"\(node.percent)\" height=\"8\"/>" }
            out += "</svg> <span class=\"figure-text\">\(e(node.progressLabel))</span></span> "
            out += "<span class=\"actual\">\(e(node.actual))</span>"
            if let confidence = node.confidence {
                out += " <span class=\"confidence \(node.confidenceClass)\">\(e(confidence))</span>"
            }
            if let checkIn = node.checkIn { out += " <span class=\"checkin \(node.checkInClass)\">\(e(checkIn))</span>" }
            out += "</div>"
            if node.hasChildren {
                out += "<details open><summary>\(e(node.childrenLabel))</summary><ul>"
                for child in node.children { write(child) }
                out += "</ul></details>"
            }
            out += "</li>\n"
        }
        for node in nodes { write(node) }
        return out
    }

    static func tree(
        _ nodes: [GoalTreeRepository.Node], team: UUID?, offTrackOnly: Bool, names: [UUID: String], reader: Reader
    ) -> [Node] {
        let t = reader.t, f = reader.format
        let progress = GoalTreeProgress.compute(nodes.map {
            GoalTreeProgress.Node(
                id: $0.goal.id, parentID: $0.goal.parentID, kind: $0.goal.kind, baseline: $0.goal.baseline,
                target: $0.goal.target, direction: $0.goal.direction, weight: $0.goal.weight, actual: $0.lastActual)
        })
        let byID = Dictionary(nodes.map { ($0.goal.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Which goals match the filters; their ancestors stay, to show where they hang.
        func matches(_ node: GoalTreeRepository.Node) -> Bool {
            if let team, node.goal.teamID != team { return false }
            if offTrackOnly, node.lastConfidence != .offTrack && node.lastConfidence != .atRisk { return false }
            return true
        }
        var kept: Set<UUID> = []
        let filtering = team != nil || offTrackOnly
        for node in nodes where !filtering || matches(node) {
            var cursor: UUID? = node.goal.id
            var guardCount = 0
            while let id = cursor, !kept.contains(id), guardCount < 64 {
                kept.insert(id)
                cursor = byID[id]?.goal.parentID
                guardCount += 1
            }
        }
        var children: [UUID: [GoalTreeRepository.Node]] = [:]
        var roots: [GoalTreeRepository.Node] = []
        for node in nodes where kept.contains(node.goal.id) {
            if let parent = node.goal.parentID, kept.contains(parent) { children[parent, default: []].append(node) } else { roots.append(node) }
        }
        func view(_ node: GoalTreeRepository.Node, depth: Int) -> Node {
            let goal = node.goal
            let share = progress[goal.id]
            let kids = depth > 50 ? [] : (children[goal.id] ?? []).map { view($0, depth: depth + 1) }
            let unit = goal.unit.map { " " + $0 } ?? ""
            let confidence = node.lastConfidence
            return Node(
                id: goal.id.lowercased, kind: goal.kind.rawValue, kindLabel: t["kind_\(goal.kind.rawValue)"], title: goal.title,
                href: "/goals/\(goal.id.lowercased)",
                owner: t.format("tree_owner_label", ["name": names[goal.ownerID] ?? ""]),
                progressLabel: share.map { t.format("tree_progress", ["percent": f.percent($0)]) } ?? t["tree_progress_unknown"],
                percent: Int(((share ?? 0) * 100).rounded().clamped(to: 0...100)), hasProgress: share != nil,
                actual: node.lastActual.map { t.format("tree_last_actual", ["value": f.number($0) + unit]) } ?? t["tree_no_actual"],
                confidence: confidence.map { t["confidence_\($0.rawValue)"] },
                confidenceClass: confidence?.rawValue ?? "",
                checkIn: node.latestState.map { state in
                    let key = state == .open ? "missing" : state.rawValue
                    return (node.latestPeriod.map { $0 + " " } ?? "") + t["checkin_state_\(key)"]
                },
                checkInClass: node.latestLate == true ? "late" : "",
                children: kids, hasChildren: !kids.isEmpty, childrenLabel: t.format("tree_children", ["count": String(kids.count)]))
        }
        return roots.map { view($0, depth: 0) }
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
