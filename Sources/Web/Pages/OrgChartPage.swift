import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/org`: the org chart — positions as a tree of reporting lines, each with its company or team and today's
/// holders, a vacant one said in words; a company filter (which keeps the positions above, so each is seen in its
/// place); and for whoever may define positions, the form to add one under another. Each level folds with
/// `<details>`, as the goal tree does.
struct OrgChartPage: Sendable {
    let store: Store

    struct Node: Sendable {
        let id: String
        let title: String
        let scope: String
        /// Today's holders, named in one phrase.
        let holders: String
        let vacantLabel: String?
        let children: [Node]
        let childrenLabel: String
    }

    struct CreateForm: Sendable {
        let name: String
        let scopes: [FormOption]
        let reportsTo: [FormOption]
        let responsibilities: String
        let authority: String
        let error: String?
        let nameError: String?
        let scopeError: String?
        let reportsToError: String?
        let responsibilitiesError: String?
        let authorityError: String?
        /// Open when it comes back refused, so the message is seen.
        let open: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let companies: [FormOption]
        let summary: String
        let empty: Bool
        /// The chart's nodes as HTML, every text escaped (``HTMLText``); the template places it unescaped.
        let treeHTML: String
        let create: CreateForm?
        let notice: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await model(request, context, refused: nil)
        return PageResponse.render("org-chart", model)
    }

    struct CreateFields: Decodable {
        var name: String?
        var scope: String?
        var reportsTo: String?
        var responsibilities: String?
        var authority: String?

        enum CodingKeys: String, CodingKey {
            case name, scope, responsibilities, authority
            case reportsTo = "reports_to"
        }
    }

    /// `POST /org/positions`: a new position; on success its own page, where holders are appointed.
    func create(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: CreateFields.self, context: context)
        do {
            let id = try await store.tenant(context) { tx, caller in
                let (scopeType, scopeID) = try Self.scope(form.scope)
                let positions = Positions(tx, caller)
                let checked = try await positions.check(
                    .init(
                        name: form.name ?? "", scopeType: scopeType, scopeID: scopeID,
                        reportsToID: try Self.reportsTo(form.reportsTo),
                        responsibilities: Self.lines(form.responsibilities), authority: Self.lines(form.authority), goalIDs: nil))
                return try await positions.create(checked).id
            }
            return .seeOther("/org/positions/\(id.lowercased)?done=created")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            let model = try await model(request, context, refused: (form, error))
            return PageResponse.render("org-chart", model, status: Problem(domain: error).status)
        }
    }

    // MARK: - Reading the form

    /// `org`, `company:<id>` or `team:<id>`, as the scope choice sends it.
    static func scope(_ text: String?) throws -> (String, UUID?) {
        let text = text ?? "org"
        if text == "org" || text.isEmpty { return ("org", nil) }
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, ["company", "team"].contains(parts[0]), let id = UUID(uuidString: parts[1]) else {
            throw DomainError(.invalid, "org_error_scope", field: "scope_id")
        }
        return (parts[0], id)
    }

    static func reportsTo(_ text: String?) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "org_error_reports_to", field: "reports_to") }
        return id
    }

    /// A charter's entries, one a line; blank lines are not entries.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A refusal in the reader's language: the page's own key, else the field's, else what the use case said.
    static func message(_ error: DomainError, _ t: Catalogue) -> String {
        if let own = t.strings[error.message] { return own }
        if error.message.contains("loop") { return t["org_error_loop"] }
        if let field = error.field, let text = t.strings["org_error_\(field)"] { return text }
        return t.explain(error)
    }

    // MARK: - The chart

    private func model(_ request: Request, _ context: AuthenticatedContext, refused: (CreateFields, DomainError)?) async throws -> Model {
        let company = request.uri.queryParameters["company"].flatMap { UUID(uuidString: String($0)) }
        return try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let identity = caller.identity
            let chart = try await Positions(tx, caller).chart()
            let names = try await MemberRepository.displayNames(tx)
            let companies = try await CompanyRepository.list(tx, after: nil, limit: 200).items
            let teams = try await TeamRepository.list(tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
            let labels = Self.scopeLabels(companies: companies, teams: teams, t: t)
            let roots = Self.tree(chart, company: company, structure: identity.structure, names: names, labels: labels, t: t)
            let visibleCompanies = companies.filter { identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .company($0.id)) }

            var create: CreateForm?
            if reader.may(.managePositions) {
                let typed = refused?.0
                let error = refused?.1
                func at(_ fields: String...) -> String? {
                    error.flatMap { fields.contains($0.field ?? "") ? Self.message($0, t) : nil }
                }
                let known = ["name", "scope_id", "scope_type", "reports_to", "responsibilities", "authority"]
                var scopes: [(String, String)] = []
                if identity.authorizer.can(identity.actor, .managePositions, in: .org).allowed { scopes.append(("org", t["org_scope_org"])) }
                for c in companies where identity.authorizer.can(identity.actor, .managePositions, in: .company(c.id)).allowed {
                    scopes.append(("company:\(c.id.lowercased)", c.name))
                }
                for team in teams where identity.authorizer.can(identity.actor, .managePositions, in: .team(team.id)).allowed {
                    scopes.append(("team:\(team.id.lowercased)", labels[.team(team.id)] ?? team.name))
                }
                let chosenScope = typed?.scope ?? scopes.first?.0 ?? ""
                let positionChoices = chart.positions.sorted { $0.name < $1.name }
                create = CreateForm(
                    name: typed?.name ?? "",
                    scopes: scopes.map { FormOption(value: $0.0, label: $0.1, selected: $0.0 == chosenScope) },
                    reportsTo: [FormOption(value: "", label: t["org_reports_to_none"], selected: (typed?.reportsTo ?? "").isEmpty)]
                        + positionChoices.map {
                            FormOption(
                                value: $0.id.lowercased, label: "\($0.name) — \(labels[$0.scope] ?? "")",
                                selected: typed?.reportsTo == $0.id.lowercased)
                        },
                    responsibilities: typed?.responsibilities ?? "", authority: typed?.authority ?? "",
                    error: error.flatMap { known.contains($0.field ?? "") ? nil : Self.message($0, t) },
                    nameError: at("name"), scopeError: at("scope_id", "scope_type"), reportsToError: at("reports_to"),
                    responsibilitiesError: at("responsibilities"), authorityError: at("authority"), open: refused != nil)
            }
            let count = Self.count(roots)
            return Model(
                chrome: reader.chrome(title: t["org_title"], current: "/org", page: request.uri.description), t: t.strings,
                companies: [FormOption(value: "", label: t["org_all_companies"], selected: company == nil)]
                    + visibleCompanies.map { FormOption(value: $0.id.lowercased, label: $0.name, selected: $0.id == company) },
                summary: t.format("org_summary", ["count": reader.format.number(Double(count))]),
                empty: roots.isEmpty, treeHTML: Self.html(roots), create: create,
                notice: nil)
        }
    }

    /// What a scope is called on the chart: 全社, the company, or the company / the team.
    static func scopeLabels(companies: [Company], teams: [Team], t: Catalogue) -> [Scope: String] {
        var labels: [Scope: String] = [.org: t["org_scope_org"]]
        let companyNames = Dictionary(companies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for c in companies { labels[.company(c.id)] = c.name }
        for team in teams { labels[.team(team.id)] = (companyNames[team.companyID].map { $0 + " / " } ?? "") + team.name }
        return labels
    }

    static func count(_ nodes: [Node]) -> Int { nodes.reduce(0) { $0 + 1 + count($1.children) } }

    static func tree(
        _ chart: Positions.Chart, company: UUID?, structure: OrgStructure, names: [UUID: String], labels: [Scope: String], t: Catalogue
    ) -> [Node] {
        let byID = Dictionary(chart.positions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The positions of the company, and the line above each, so a filtered chart still hangs from its top.
        var kept: Set<UUID> = []
        for position in chart.positions {
            if let company {
                switch position.scope {
                case .company(let id) where id == company: break
                case .team(let id) where structure.companyOfTeam[id] == company: break
                default: continue
                }
            }
            var cursor: UUID? = position.id
            var steps = 0
            while let id = cursor, !kept.contains(id), steps < 64 {
                kept.insert(id)
                cursor = byID[id]?.reportsToID
                steps += 1
            }
        }
        var children: [UUID: [Position]] = [:]
        var roots: [Position] = []
        for position in chart.positions where kept.contains(position.id) {
            if let above = position.reportsToID, kept.contains(above) { children[above, default: []].append(position) } else { roots.append(position) }
        }
        func view(_ position: Position, depth: Int) -> Node {
            let kids = depth > 50 ? [] : (children[position.id] ?? []).sorted { $0.name < $1.name }.map { view($0, depth: depth + 1) }
            let holders = (chart.holders[position.id] ?? []).compactMap { names[$0] }
            return Node(
                id: position.id.lowercased, title: position.name, scope: labels[position.scope] ?? "",
                holders: t.format("org_held_by", ["names": holders.joined(separator: t["org_separator"])]),
                vacantLabel: holders.isEmpty ? t["org_vacant"] : nil, children: kids,
                childrenLabel: t.format("org_reports", ["count": String(kids.count)]))
        }
        return roots.sorted { $0.name < $1.name }.map { view($0, depth: 0) }
    }

    /// The nodes as nested list items, written directly as the goal tree's are.
    static func html(_ nodes: [Node]) -> String {
        var out = ""
        func write(_ node: Node) {
            let e = HTMLText.escape
            out += "<li class=\"position\(node.vacantLabel == nil ? "" : " vacant")\"><div class=\"position-row\">"
            out += "<a class=\"position-title\" href=\"/org/positions/\(node.id)\">\(e(node.title))</a> "
            out += "<span class=\"position-scope\">\(e(node.scope))</span> "
            if let vacant = node.vacantLabel {
                out += "<span class=\"badge vacant\">\(e(vacant))</span>"
            } else {
                out += "<span class=\"holders\">\(e(node.holders))</span>"
            }
            out += "</div>"
            if !node.children.isEmpty {
                out += "<details open><summary>\(e(node.childrenLabel))</summary><ul>"
                for child in node.children { write(child) }
                out += "</ul></details>"
            }
            out += "</li>\n"
        }
        for node in nodes { write(node) }
        return out
    }
}
