import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/org/positions/{id}`: one position's charter (責任分掌) — its responsibilities, its decision rights, the KPIs it
/// owns — where it sits (the line upwards to the top, the positions reporting to it) and who holds and held it. For
/// whoever may manage positions where it lives: the charter's edit form, appointing a holder from a day, and ending
/// a holding (kept as history).
struct PositionPage: Sendable {
    let store: Store

    struct Link: Sendable {
        let label: String
        let href: String
        let holders: String
    }

    struct Holding: Sendable {
        let id: String
        let positionID: String
        /// The end button's name, saying whose holding it ends.
        let endLabel: String
        let name: String
        let since: String
        let until: String
        let current: Bool
        let primary: Bool
        let canEnd: Bool
    }

    struct EditForm: Sendable {
        let name: String
        let reportsTo: [FormOption]
        let responsibilities: String
        let authority: String
        let version: Int
        let error: String?
        let nameError: String?
        let reportsToError: String?
        let responsibilitiesError: String?
        let authorityError: String?
        let open: Bool
    }

    struct AppointForm: Sendable {
        let members: [FormOption]
        let since: String
        let primary: Bool
        let error: String?
        let memberError: String?
        let sinceError: String?
        let open: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let id: String
        let title: String
        let scope: String
        let responsibilities: [String]
        let authority: [String]
        let kpis: [Link]
        let reportsTo: Link?
        let reports: [Link]
        let chain: [Link]
        let holdings: [Holding]
        let vacant: Bool
        let manage: Bool
        let edit: EditForm?
        let appoint: AppointForm?
        let endError: String?
        let notice: String?
    }

    enum Refused {
        case edit(EditFields, DomainError)
        case appoint(AppointFields, DomainError)
        case end(DomainError)
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let done = request.uri.queryParameters["done"].map(String.init)
        let model = try await store.tenant(context) { tx, caller in
            try await load(id, tx: tx, caller: caller, page: request.uri.description, refused: nil, done: done)
        }
        return PageResponse.render("org-position", model)
    }

    // MARK: - Forms

    struct EditFields: Decodable {
        var name: String?
        var reportsTo: String?
        var responsibilities: String?
        var authority: String?
        var version: String?

        enum CodingKeys: String, CodingKey {
            case name, responsibilities, authority, version
            case reportsTo = "reports_to"
        }
    }

    /// `POST /org/positions/{id}`: the charter and the reporting line.
    func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: EditFields.self, context: context)
        return try await answer(request, context, id, refused: { .edit(form, $0) }) { positions in
            _ = try await positions.update(
                id,
                .init(
                    name: form.name ?? "", reportsToID: .some(try OrgChartPage.reportsTo(form.reportsTo)),
                    responsibilities: OrgChartPage.lines(form.responsibilities), authority: OrgChartPage.lines(form.authority),
                    goalIDs: nil),
                expectedVersion: form.version.flatMap { Int($0) })
            return "saved"
        }
    }

    struct AppointFields: Decodable {
        var member: String?
        var since: String?
        var primary: String?
    }

    /// `POST /org/positions/{id}/holders`: a member takes up the position from a day (today when none is given).
    func appoint(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: AppointFields.self, context: context)
        return try await answer(request, context, id, refused: { .appoint(form, $0) }) { positions in
            guard let member = form.member.flatMap(UUID.init(uuidString:)) else {
                throw DomainError(.missing, "org_error_choose_member", field: "member_id")
            }
            let since = try Self.day(form.since, field: "start_date")
            _ = try await positions.addHolder(id, memberID: member, primary: form.primary == "1", startDate: since, endDate: nil)
            return "appointed"
        }
    }

    struct EndFields: Decodable {
        var until: String?
    }

    /// `POST /org/positions/{id}/holders/{holding}/end`: the holding ends (today unless a day is given).
    func endHolding(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        guard let text = context.parameters.get("holding"), let holding = UUID(uuidString: text) else {
            throw DomainError(.notFound, "holding not found")
        }
        let form = try await request.decodeForm(as: EndFields.self, context: context)
        return try await answer(request, context, id, refused: { .end($0) }) { positions in
            _ = try await positions.endHolder(id, holdingID: holding, on: try Self.day(form.until, field: "end_date"))
            return "ended"
        }
    }

    /// Runs a change after the caller's right is checked (so someone without it hears 403 whatever they typed),
    /// then 303 back with a notice; a refused form comes back in place with what was typed.
    private func answer(
        _ request: Request, _ context: AuthenticatedContext, _ id: UUID, refused: (DomainError) -> Refused,
        _ change: @escaping @Sendable (Positions) async throws -> String
    ) async throws -> Response {
        do {
            let done = try await store.tenant(context) { tx, caller in
                let positions = Positions(tx, caller)
                let position = try await positions.get(id)
                try caller.identity.require(.managePositions, in: position.scope)
                return try await change(positions)
            }
            return .seeOther("/org/positions/\(id.lowercased)?done=\(done)")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            let page = "/org/positions/\(id.lowercased)"
            let why = refused(error)
            let model = try await store.tenant(context) { tx, caller in
                try await load(id, tx: tx, caller: caller, page: page, refused: why, done: nil)
            }
            return PageResponse.render("org-position", model, status: Problem(domain: error).status)
        }
    }

    static func day(_ text: String?, field: String) throws -> LocalDate? {
        guard let text = GoalPage.text(text) else { return nil }
        guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "org_error_date", field: field) }
        return day
    }

    static func id(_ request: Request, _ context: AuthenticatedContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "position not found")
        }
        return id
    }

    // MARK: - The page

    static let notices = [
        "created": "org_notice_created", "saved": "org_notice_saved", "appointed": "org_notice_appointed", "ended": "org_notice_ended",
    ]

    private func load(
        _ id: UUID, tx: TenantTransaction, caller: Caller, page: String, refused: Refused?, done: String?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let positions = Positions(tx, caller)
        let position = try await positions.get(id)
        let chart = try await positions.chart()
        let names = try await MemberRepository.displayNames(tx)
        let companies = try await CompanyRepository.list(tx, after: nil, limit: 200).items
        let teams = try await TeamRepository.list(tx, companyID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500).items
        let labels = OrgChartPage.scopeLabels(companies: companies, teams: teams, t: t)
        func holders(_ ids: [UUID]) -> String {
            ids.isEmpty ? t["org_vacant"] : t.format("org_held_by", ["names": ids.compactMap { names[$0] }.joined(separator: t["org_separator"])])
        }
        func link(_ p: Position, holding: [UUID]? = nil) -> Link {
            Link(label: p.name, href: "/org/positions/\(p.id.lowercased)", holders: holders(holding ?? chart.holders[p.id] ?? []))
        }
        // The line upwards without the position itself: who it reports to, and above.
        let chain = try await positions.chain(from: id).filter { $0.position.id != id }
        let goals = try await GoalRepository.titles(tx, ids: position.goalIDs)
        let history = try await positions.holders(id)
        let today = chart.today
        let manage = positions.mayManage(position)
        func local(_ e: DomainError) -> String { OrgChartPage.message(e, t) }

        var edit: EditForm?, appoint: AppointForm?, endError: String?
        if manage {
            var typed: EditFields?, editError: DomainError?
            var appointTyped: AppointFields?, appointError: DomainError?
            switch refused {
            case .edit(let fields, let error): (typed, editError) = (fields, error)
            case .appoint(let fields, let error): (appointTyped, appointError) = (fields, error)
            case .end(let error): endError = local(error)
            case nil: break
            }
            func at(_ error: DomainError?, _ fields: String...) -> String? {
                error.flatMap { fields.contains($0.field ?? "") ? local($0) : nil }
            }
            // A position cannot report to itself or to one below it: those are left out of the choice.
            var below: Set<UUID> = [id]
            var grew = true
            while grew {
                grew = false
                for p in chart.positions where !below.contains(p.id) && p.reportsToID.map(below.contains) == true {
                    below.insert(p.id)
                    grew = true
                }
            }
            let current = typed.map { $0.reportsTo ?? "" } ?? position.reportsToID?.lowercased ?? ""
            edit = EditForm(
                name: typed?.name ?? position.name,
                reportsTo: [FormOption(value: "", label: t["org_reports_to_none"], selected: current.isEmpty)]
                    + chart.positions.filter { !below.contains($0.id) }.sorted { $0.name < $1.name }.map {
                        FormOption(value: $0.id.lowercased, label: "\($0.name) — \(labels[$0.scope] ?? "")", selected: current == $0.id.lowercased)
                    },
                responsibilities: typed?.responsibilities ?? position.responsibilities.joined(separator: "\n"),
                authority: typed?.authority ?? position.authority.joined(separator: "\n"), version: position.version,
                error: editError.flatMap { ["name", "reports_to", "responsibilities", "authority"].contains($0.field ?? "") ? nil : local($0) },
                nameError: at(editError, "name"), reportsToError: at(editError, "reports_to"),
                responsibilitiesError: at(editError, "responsibilities"), authorityError: at(editError, "authority"),
                open: editError != nil)
            let members = try await MemberRepository.list(
                tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500
            ).items.filter(\.active)
            appoint = AppointForm(
                members: [FormOption(value: "", label: t["org_choose_member"], selected: (appointTyped?.member ?? "").isEmpty)]
                    + members.map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: appointTyped?.member == $0.id.lowercased) },
                since: appointTyped?.since ?? today.description, primary: appointTyped.map { $0.primary == "1" } ?? true,
                error: appointError.flatMap { ["member_id", "start_date", "end_date"].contains($0.field ?? "") ? nil : local($0) },
                memberError: at(appointError, "member_id"), sinceError: at(appointError, "start_date", "end_date"),
                open: appointError != nil)
        }
        let current = history.filter { $0.isCurrent(on: today) }.map(\.memberID)
        return Model(
            chrome: reader.chrome(title: position.name, current: "/org", page: page), t: t.strings, id: id.lowercased,
            title: position.name, scope: labels[position.scope] ?? "",
            responsibilities: position.responsibilities, authority: position.authority,
            kpis: position.goalIDs.compactMap { goal in goals[goal].map { Link(label: $0, href: "/goals/\(goal.lowercased)", holders: "") } },
            reportsTo: chain.first.map { link($0.position, holding: $0.holders) },
            reports: chart.positions.filter { $0.reportsToID == id }.sorted { $0.name < $1.name }.map { link($0) },
            chain: chain.map { link($0.position, holding: $0.holders) },
            holdings: history.reversed().map { h in
                Holding(
                    id: h.id.lowercased, positionID: id.lowercased,
                    endLabel: t.format("org_end_label", ["name": names[h.memberID] ?? ""]), name: names[h.memberID] ?? "", since: f.date(h.startDate),
                    until: h.endDate.map { f.date($0) } ?? t["org_until_now"], current: h.isCurrent(on: today), primary: h.primary,
                    canEnd: manage && h.endDate == nil)
            },
            vacant: current.isEmpty, manage: manage, edit: edit, appoint: appoint, endError: endError,
            notice: done.flatMap { Self.notices[$0] }.map { t[$0] })
    }
}
