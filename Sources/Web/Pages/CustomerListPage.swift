import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers`: the customers the reader may read, filtered by a plain GET form (company, team, CSM or "mine",
/// phase, grade or ungraded, renewal window, tag, words), sorted by reading (五十音) by default, a keyset page at a
/// time; the reader's saved views (a name for the current filters) above the table. `/customers/new` is the form
/// to add one, for whoever may create (managers and CS operations; a CSM for themselves).
struct CustomerListPage: Sendable {
    let store: Store
    static let pageSize = 50

    struct Row: Sendable {
        let href: String
        let name: String
        let kana: String?
        let nameEn: String?
        let grade: CustomerPageText.Grade
        let total: String
        let phase: String
        let atRisk: Bool
        let riskText: String?
        let owner: String
        let tags: [String]
        /// "archived" or "merged", when the list shows archived customers.
        let state: String?
    }

    struct View: Sendable {
        let id: String
        let name: String
        let href: String
        let current: Bool
    }

    struct Filters: Sendable {
        let companies: [FormOption]
        let teams: [FormOption]
        let owners: [FormOption]
        let phases: [FormOption]
        let grades: [FormOption]
        let renewals: [FormOption]
        let tags: [FormOption]
        let sorts: [FormOption]
        let archived: Bool
        let q: String
        let error: String?
        let errorField: String?
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let notice: String?
        let filters: Filters
        let rows: [Row]
        let empty: Bool
        let filtered: Bool
        let next: String?
        let views: [View]
        let hasViews: Bool
        let query: String
        let viewName: String
        let viewError: String?
        let canCreate: Bool
    }

    static let notices = ["view_saved": "cust_notice_view_saved", "view_deleted": "cust_notice_view_deleted", "archived": "cust_notice_archived"]

    /// The filters as sent, without the empty ones (an unset select sends `company_id=`) and without the page position.
    static func pairs(_ request: Request) -> [(name: String, value: String)] {
        CustomerListQuery.pairs(of: request.uri.query ?? "").filter {
            !$0.value.isEmpty && CustomerListQuery.parameterNames.contains($0.name)
        }
    }

    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let pairs = Self.pairs(request)
        let cursor = request.uri.queryParameters["cursor"].flatMap { UUID(uuidString: String($0)) }
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        var status = HTTPResponse.Status.ok
        let model = try await store.tenant(context) { tx, caller in
            var query = CustomerListQuery()
            var refused: DomainError?
            do { query = try CustomerListQuery.parse(pairs) } catch let error as DomainError { refused = error }
            if refused != nil { status = .unprocessableContent }
            return try await load(
                tx, caller, pairs: pairs, query: refused == nil ? query : nil, cursor: cursor, page: request.uri.description,
                listError: refused, notice: notice, view: nil)
        }
        return PageResponse.render("customer-list", model, status: status)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, pairs: [(name: String, value: String)], query: CustomerListQuery?, cursor: UUID?,
        page: String, listError: DomainError?, notice: String?, view: (name: String, error: DomainError)?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let customers = Customers(tx, caller)
        var found: Page<CustomerRepository.Listed>?
        if let query { found = try await customers.list(query, after: cursor, limit: Self.pageSize) }
        let directory = try await CustomerDirectoryOptions.load(tx, caller.identity)
        let tags = try await customers.tags()
        let views = try await SavedViews(tx, caller).list(page: "customers")
        let value = { (name: String) in pairs.last { $0.name == name }?.value }
        let encoded = Self.encode(pairs)
        let listed: [CustomerRepository.Listed] = found?.items ?? []
        let rows = listed.map { listed -> Row in
            let c = listed.customer
            return Row(
                href: "/customers/\(c.id.uuidString.lowercased())", name: c.name, kana: c.nameKana, nameEn: c.nameEn,
                grade: CustomerPageText.grade(c.healthGrade, t), total: c.healthTotal.map { CustomerPageText.points($0, f) } ?? "–",
                phase: CustomerPageText.phase(c.phase, t), atRisk: !c.riskReasons.isEmpty,
                riskText: c.riskReasons.isEmpty ? nil : c.riskReasons.map { CustomerPageText.risk($0, t) }.joined(separator: t["cust_list_sep"]),
                owner: listed.ownerName ?? t["cust_no_owner"], tags: c.tags,
                state: c.mergedInto != nil ? t["cust_state_merged"] : c.archivedAt != nil ? t["cust_state_archived"] : nil)
        }
        let refusal = listError.map { CustomerPageText.Refusal($0, t) }
        let filters = Filters(
            companies: directory.companyOptions(selected: value("company_id"), blank: t["cust_filter_all"]),
            teams: directory.teamOptions(selected: value("team_id"), blank: t["cust_filter_all"]),
            owners: directory.memberOptions(
                selected: value("owner_id"), blank: t["cust_filter_all"],
                extra: [FormOption(value: "me", label: t["cust_filter_mine"], selected: value("owner_id") == "me")]),
            phases: [FormOption(value: "", label: t["cust_filter_all"], selected: value("phase") == nil)]
                + LifecyclePhase.allCases.map { FormOption(value: $0.rawValue, label: CustomerPageText.phase($0, t), selected: value("phase") == $0.rawValue) },
            grades: [FormOption(value: "", label: t["cust_filter_all"], selected: value("grade") == nil)]
                + HealthGrade.allCases.map {
                    FormOption(value: $0.rawValue, label: "\($0.rawValue) – \(t["cust_grade_\($0.rawValue.lowercased())"])", selected: value("grade")?.uppercased() == $0.rawValue)
                }
                + [FormOption(value: "none", label: t["cust_grade_none"], selected: value("grade") == "none")],
            renewals: [FormOption(value: "", label: t["cust_filter_any"], selected: value("renewal_within_days") == nil)]
                + [30, 60, 90, 180].map {
                    FormOption(value: "\($0)", label: t.format("cust_filter_within_days", ["days": "\($0)"]), selected: value("renewal_within_days") == "\($0)")
                },
            tags: [FormOption(value: "", label: t["cust_filter_all"], selected: value("tag") == nil)]
                + tags.map { FormOption(value: $0.tag, label: "\($0.tag) (\(f.number(Double($0.count))))", selected: value("tag") == $0.tag) },
            sorts: ["kana", "name", "grade", "health"].map {
                FormOption(value: $0, label: t["cust_sort_\($0)"], selected: (value("sort") ?? "kana") == $0)
            },
            archived: ["1", "true"].contains(value("archived") ?? ""),
            q: value("q") ?? "", error: refusal?.message, errorField: refusal?.field)
        let current = pairs.filter { $0.name != "sort" || $0.value != "kana" }
        let viewRefusal = view.map { CustomerPageText.Refusal($0.error, t) }
        var nextPairs = pairs
        if let next = found?.nextCursor { nextPairs.append(("cursor", next.uuidString.lowercased())) }
        return Model(
            chrome: reader.chrome(title: t["cust_list_title"], current: "/customers", page: page), t: t.strings,
            title: t["cust_list_title"], notice: notice.map { t[$0] }, filters: filters, rows: rows, empty: rows.isEmpty,
            filtered: !current.isEmpty,
            next: found?.nextCursor.map { _ in "/customers?" + Self.encode(nextPairs) },
            views: views.map { saved in
                View(
                    id: saved.id.uuidString.lowercased(), name: saved.name, href: "/customers" + (saved.query.isEmpty ? "" : "?" + saved.query),
                    current: saved.query == encoded)
            },
            hasViews: !views.isEmpty, query: encoded, viewName: view?.name ?? "",
            viewError: viewRefusal?.message,
            canCreate: reader.may(.manageCustomers) || reader.may(.writeOwnCustomers))
    }

    // MARK: - Saved views

    struct ViewFields: Decodable {
        var name: String?
        var query: String?
    }

    func saveView(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: ViewFields.self, context: context)
        let query = form.query ?? ""
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await SavedViews(tx, caller).create(page: "customers", name: form.name ?? "", query: query)
            }
            return .seeOther("/customers" + (query.isEmpty ? "?" : "?\(query)&") + "done=view_saved")
        } catch let error as DomainError where error.code == .invalid || error.code == .conflict || error.code == .missing {
            let pairs = CustomerListQuery.pairs(of: query).filter { CustomerListQuery.parameterNames.contains($0.name) && !$0.value.isEmpty }
            let model = try await store.tenant(context) { tx, caller in
                try await load(
                    tx, caller, pairs: pairs, query: try? CustomerListQuery.parse(pairs), cursor: nil, page: "/customers?" + query,
                    listError: nil, notice: nil, view: (form.name ?? "", error))
            }
            return PageResponse.render("customer-list", model, status: Problem(domain: error).status)
        }
    }

    func deleteView(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"), what: "saved view not found")
        try await store.tenant(context) { tx, caller in try await SavedViews(tx, caller).delete(id) }
        return .seeOther("/customers?done=view_deleted")
    }
}
