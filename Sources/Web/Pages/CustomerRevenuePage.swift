import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/revenue`: a customer's contracts (ARR and MRR in their currency, term, auto-renewal and notice
/// period, the 解約予告期限 with the days left, status and the renewal's outcome) and its monthly revenue for two
/// years (a chart per currency and the table, each month saying whether an imported snapshot or the contracts gave
/// it). Readers with `contracts.read` only: support gets the 403 page. Those who manage the customer's contracts
/// (managers, CS ops, admins — `customers.manage`, as the use cases rule) add and edit contracts, record what a
/// renewal came to, and put or remove a month's snapshot. Currencies are never converted: every figure is per currency.
struct CustomerRevenuePage: Sendable {
    let store: Store

    /// The fields of a contract, for adding, editing, or the next contract of a renewal.
    struct ContractForm: Sendable {
        let prefix: String
        let name: String
        let arr: String
        let currencies: [FormOption]
        let start: String
        let end: String
        let autoRenews: Bool
        let noticeValue: String
        let noticeUnits: [FormOption]
        let statuses: [FormOption]?
        let hasStatus: Bool
        let nameError: String?
        let arrError: String?
        let currencyError: String?
        let startError: String?
        let endError: String?
        let noticeError: String?
        let statusError: String?
    }

    struct Choice: Sendable {
        let value: String
        let label: String
        let hint: String
        let id: String
        let checked: Bool
    }

    struct EditForm: Sendable {
        let action: String
        let version: String
        let fields: ContractForm
        let error: String?
        let open: Bool
    }

    struct RenewalForm: Sendable {
        let action: String
        let outcomes: [Choice]
        let outcomeError: String?
        let fields: ContractForm
        let error: String?
        let open: Bool
    }

    struct ContractRow: Sendable {
        let id: String
        let name: String
        let arr: String
        let mrr: String
        let term: String
        let autoRenews: String
        let notice: String
        let deadline: String
        let daysLeft: String?
        let soon: Bool
        let status: String
        let outcome: String?
        let edit: EditForm?
        let renewal: RenewalForm?
    }

    struct Amount: Sendable {
        let currency: String
        let arr: String
        let mrr: String
    }

    struct MonthCell: Sendable {
        let text: String
    }

    struct DeleteForm: Sendable {
        let month: String
        let currency: String
        let label: String
    }

    struct MonthRow: Sendable {
        let month: String
        let cells: [MonthCell]
        let source: String
        let imported: Bool
        let deletes: [DeleteForm]
    }

    struct SnapshotForm: Sendable {
        let month: String
        let amount: String
        let currencies: [FormOption]
        let error: String?
        let monthError: String?
        let amountError: String?
        let currencyError: String?
        let open: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let name: String
        let title: String
        let notice: String?
        let archived: Bool
        let pageError: String?
        let current: [Amount]
        let hasCurrent: Bool
        let contracts: [ContractRow]
        let hasContracts: Bool
        let canManage: Bool
        let add: EditForm?
        let period: String
        let charts: [CustomerRevenueChart]
        let currencies: [String]
        let months: [MonthRow]
        let hasRevenue: Bool
        let snapshot: SnapshotForm?
    }

    /// Which form came back refused (or stale), with what was typed.
    struct Attempt: Sendable {
        enum Form: Equatable, Sendable {
            case add, edit(UUID), renewal(UUID), snapshot
        }

        let form: Form
        let typed: [String: String]
        let error: DomainError
        let stale: Bool
    }

    static let notices = [
        "added": "crev_notice_added", "saved": "crev_notice_saved", "renewal": "crev_notice_renewal",
        "snapshot": "crev_notice_snapshot", "removed": "crev_notice_removed",
    ]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, id: id, request: request, attempt: nil) }
        return PageResponse.render("crev-revenue", model)
    }

    private func load(_ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, attempt: Attempt?) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customer = try await Customers(tx, caller).get(id)
        // The contracts first: a reader who may not see values is refused here (403), one who may not read the customer sooner (404).
        let contracts = try await Self.allContracts(Contracts(tx, caller), customer: id)
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID).today
        let canManage = customer.archivedAt == nil && identity.authorizer.can(identity.actor, .manageCustomers, in: customer.scope).allowed
        if attempt != nil, !canManage {
            throw DomainError(.forbidden, "crev_error_forbidden", permission: Permission.manageCustomers.rawValue)
        }
        let lower = id.uuidString.lowercased()
        let base = "/customers/\(lower)"
        let known = Set(CustomerRevenueInput.currencies + contracts.map(\.arr.currency.rawValue))
        let currencyList = CustomerRevenueInput.currencies + known.subtracting(CustomerRevenueInput.currencies).sorted()

        // Contracts: the active ones by their deadline, the rest newest first.
        let ordered = contracts.filter { $0.status == .active }.sorted { $0.noticeDeadline < $1.noticeDeadline }
            + contracts.filter { $0.status != .active }.sorted { $0.endDate > $1.endDate }
        let rows = ordered.map { k -> ContractRow in
            let key = String(k.id.uuidString.lowercased().suffix(12))
            let deadline = k.noticeDeadline
            let days = today.days(to: deadline)
            var edit: EditForm?
            var renewal: RenewalForm?
            if canManage {
                let mine = attempt.flatMap { $0.form == .edit(k.id) ? $0 : nil }
                edit = EditForm(
                    action: "\(base)/contracts/\(k.id.uuidString.lowercased())", version: "\(k.version)",
                    fields: Self.fields(prefix: "e\(key)", typed: mine.flatMap { $0.stale ? nil : $0.typed }, contract: k, withStatus: true,
                                        refusal: mine.map { CustomerPageText.Refusal($0.error, t) }, currencies: currencyList, t: t),
                    error: mine.map { $0.stale ? t["crev_error_stale"] : Self.general($0.error, t) } ?? nil, open: mine != nil)
                if k.status == .active {
                    let next = attempt.flatMap { $0.form == .renewal(k.id) ? $0 : nil }
                    renewal = Self.renewalForm(
                        action: "\(base)/contracts/\(k.id.uuidString.lowercased())/renewal", key: key, contract: k, attempt: next,
                        currencies: currencyList, t: t)
                }
            }
            let notice: String
            switch (k.autoRenews, k.notice) {
            case (false, _): notice = t["crev_notice_not_auto"]
            case (true, .months(let n)?): notice = t.format("crev_notice_months", ["count": "\(n)"])
            case (true, .days(let n)?): notice = t.format("crev_notice_days", ["count": "\(n)"])
            case (true, nil): notice = t["crev_notice_none"]
            }
            return ContractRow(
                id: "contract-\(key)", name: k.name ?? t["cust_contract"], arr: f.money(k.arr), mrr: f.money(k.mrr),
                term: "\(f.date(k.startDate)) – \(f.date(k.endDate))", autoRenews: t[k.autoRenews ? "cust_yes_short" : "cust_no_short"],
                notice: notice, deadline: f.date(deadline),
                daysLeft: k.status != .active ? nil
                    : days >= 0 ? t.format("cust_days_left", ["count": f.number(Double(days))]) : t["cust_deadline_passed"],
                soon: k.status == .active && days <= 90, status: t["cust_contract_\(k.status.rawValue)"],
                outcome: k.renewalOutcome.map { t["crev_outcome_\($0.rawValue)"] }, edit: edit, renewal: renewal)
        }

        // What the customer pays now: the contracts in force today, per currency.
        let inForce = contracts.filter { $0.status != .cancelled && $0.startDate <= today && today <= $0.endDate }
        let current = Money.totals(inForce.map(\.arr)).sorted { $0.key < $1.key }.map { currency, arr in
            Amount(currency: currency.rawValue, arr: f.money(arr), mrr: f.money(arr.scaled(by: 1, over: 12)))
        }

        // Two years of monthly revenue.
        let last = YearMonth(today)
        let first = last.adding(months: -23)
        let series = try await Revenue(tx, caller).series(customer: id, from: first, through: last)
        let seriesCurrencies = Array(Set(series.flatMap { $0.revenue.map(\.currency) })).sorted()
        let monthRows = series.reversed().map { m -> MonthRow in
            let byCurrency = Dictionary(m.revenue.map { ($0.currency, $0) }, uniquingKeysWith: { a, _ in a })
            let imported = m.source == .snapshot
            return MonthRow(
                month: f.month(m.month), cells: seriesCurrencies.map { MonthCell(text: byCurrency[$0].map(f.money) ?? "–") },
                source: t[imported ? "crev_source_snapshot" : "crev_source_contracts"], imported: imported,
                deletes: imported && canManage
                    ? m.revenue.map { DeleteForm(month: m.month.description, currency: $0.currency.rawValue,
                                                 label: t.format("crev_snapshot_delete", ["month": f.month(m.month), "currency": $0.currency.rawValue])) }
                    : [])
        }
        let labels = series.map { f.month($0.month) }
        let charts = seriesCurrencies.map { currency in
            CustomerRevenueChart.make(
                id: "crev-chart-\(currency.rawValue.lowercased())", currency: currency, months: labels,
                amounts: series.map { m in m.revenue.first { $0.currency == currency } }, imported: series.map { $0.source == .snapshot }, t: t, f: f)
        }

        var snapshot: SnapshotForm?
        if canManage {
            let mine = attempt.flatMap { $0.form == .snapshot ? $0 : nil }
            let refusal = mine.map { CustomerPageText.Refusal($0.error, t) }
            let chosen = mine?.typed["currency"] ?? contracts.first?.arr.currency.rawValue ?? "JPY"
            snapshot = SnapshotForm(
                month: mine?.typed["month"] ?? last.description, amount: mine?.typed["amount"] ?? "",
                currencies: Self.currencyOptions(currencyList, chosen: chosen), error: refusal?.general(["month", "amount", "currency"]),
                monthError: refusal?.at("month"), amountError: refusal?.at("amount"), currencyError: refusal?.at("currency"), open: mine != nil)
        }

        var add: EditForm?
        if canManage {
            let mine = attempt.flatMap { $0.form == .add ? $0 : nil }
            add = EditForm(
                action: "\(base)/contracts", version: "",
                fields: Self.fields(prefix: "new", typed: mine?.typed, contract: nil, withStatus: false,
                                    refusal: mine.map { CustomerPageText.Refusal($0.error, t) }, currencies: currencyList, t: t, today: today),
                error: mine.flatMap { Self.general($0.error, t) }, open: mine != nil)
        }

        // A refusal whose form is no longer on the page (a renewal recorded meanwhile) is said at the top.
        var pageError: String?
        if let attempt {
            switch attempt.form {
            case .renewal(let k) where !ordered.contains(where: { $0.id == k && $0.status == .active }):
                pageError = t.explain(attempt.error)
            case .edit(let k) where !ordered.contains(where: { $0.id == k }):
                pageError = t.explain(attempt.error)
            default: break
            }
        }
        let title = t.format("crev_title", ["name": customer.name])
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }.map { t[$0] }
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: request.uri.description), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .revenue), id: lower, name: customer.name, title: title,
            notice: notice, archived: customer.archivedAt != nil, pageError: pageError, current: current, hasCurrent: !current.isEmpty, contracts: rows,
            hasContracts: !rows.isEmpty, canManage: canManage, add: add,
            period: t.format("crev_period", ["from": f.month(first), "to": f.month(last)]), charts: charts,
            currencies: seriesCurrencies.map(\.rawValue), months: monthRows,
            hasRevenue: series.contains { !$0.revenue.isEmpty }, snapshot: snapshot)
    }

    static func allContracts(_ contracts: Contracts, customer id: UUID) async throws -> [Contract] {
        var all: [Contract] = []
        var cursor: UUID?
        repeat {
            let page = try await contracts.list(customer: id, after: cursor, limit: 200)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil && all.count < 2000
        return all
    }

    static func currencyOptions(_ codes: [String], chosen: String) -> [FormOption] {
        let list = codes.contains(chosen) || chosen.isEmpty ? codes : codes + [chosen]
        return list.map { FormOption(value: $0, label: $0, selected: $0 == chosen) }
    }

    /// The message of a refusal no field of the form shows.
    static func general(_ error: DomainError, _ t: Catalogue) -> String? {
        let fields: Set<String> = ["name", "arr", "currency", "start_date", "end_date", "notice", "status", "outcome"]
        return CustomerRevenueInput.formField(error.field).map { fields.contains($0) } == true ? nil : t.explain(error)
    }

    static func fields(
        prefix: String, typed: [String: String]?, contract k: Contract?, withStatus: Bool, refusal: CustomerPageText.Refusal?,
        currencies: [String], t: Catalogue, today: LocalDate? = nil
    ) -> ContractForm {
        // A new contract starts today and runs a year, until someone types otherwise.
        let start = k?.startDate ?? today
        let end = k?.endDate ?? today.map { $0.adding(months: 12).adding(days: -1) }
        let field = CustomerRevenueInput.formField(refusal?.field)
        func error(_ name: String) -> String? { field == name ? refusal?.message : nil }
        let unit = typed?["notice_unit"] ?? (k?.noticeDays != nil ? "days" : "months")
        let status = typed?["status"] ?? k?.status.rawValue ?? "active"
        let autoRenews = typed.map { $0["auto_renews"] == "1" } ?? k?.autoRenews ?? true
        return ContractForm(
            prefix: prefix, name: typed?["name"] ?? k?.name ?? "",
            arr: typed?["arr"] ?? k.map { CustomerRevenueInput.typed($0.arr) } ?? "",
            currencies: currencyOptions(currencies, chosen: typed?["currency"] ?? k?.arr.currency.rawValue ?? "JPY"),
            start: typed?["start_date"] ?? start?.description ?? "", end: typed?["end_date"] ?? end?.description ?? "",
            autoRenews: autoRenews,
            noticeValue: typed?["notice_value"] ?? (k?.noticeMonths ?? k?.noticeDays).map(String.init) ?? (k == nil ? "3" : ""),
            noticeUnits: ["months", "days"].map { FormOption(value: $0, label: t["crev_unit_\($0)"], selected: unit == $0) },
            statuses: withStatus
                ? Contract.Status.allCases.map { FormOption(value: $0.rawValue, label: t["cust_contract_\($0.rawValue)"], selected: status == $0.rawValue) }
                : nil,
            hasStatus: withStatus,
            nameError: error("name"), arrError: error("arr"), currencyError: error("currency"), startError: error("start_date"),
            endError: error("end_date"), noticeError: error("notice"), statusError: error("status"))
    }

    static func renewalForm(
        action: String, key: String, contract k: Contract, attempt: Attempt?, currencies: [String], t: Catalogue
    ) -> RenewalForm {
        let typed = attempt.flatMap { $0.stale ? nil : $0.typed }
        let refusal = attempt.map { CustomerPageText.Refusal($0.error, t) }
        // The next term follows on from this one, a year long, on the same terms, until someone types otherwise.
        let start = k.endDate.adding(days: 1)
        let next = Contract(
            id: k.id, customerID: k.customerID, name: k.name, arr: k.arr, startDate: start, endDate: start.adding(months: 12).adding(days: -1),
            autoRenews: k.autoRenews, noticeDays: k.noticeDays, noticeMonths: k.noticeMonths, createdAt: k.createdAt, updatedAt: k.updatedAt)
        let chosen = typed?["outcome"] ?? ""
        let outcomes = RenewalOutcome.allCases.sorted { Self.outcomeOrder($0) < Self.outcomeOrder($1) }.map { o in
            Choice(value: o.rawValue, label: t["crev_outcome_\(o.rawValue)"], hint: t["crev_outcome_\(o.rawValue)_hint"],
                   id: "r\(key)-\(o.rawValue)", checked: chosen == o.rawValue)
        }
        return RenewalForm(
            action: action, outcomes: outcomes, outcomeError: refusal?.field == "outcome" ? refusal?.message : nil,
            fields: fields(prefix: "r\(key)", typed: typed, contract: next, withStatus: false,
                           refusal: refusal?.field == "outcome" ? nil : refusal, currencies: currencies, t: t),
            error: attempt.map { $0.stale ? t["crev_error_stale"] : $0.error.field == "outcome" ? nil : general($0.error, t) } ?? nil,
            open: attempt != nil)
    }

    static func outcomeOrder(_ o: RenewalOutcome) -> Int {
        switch o {
        case .renewed: 0
        case .expanded: 1
        case .contracted: 2
        case .churned: 3
        }
    }

    // MARK: - Actions

    private func refused(_ request: Request, _ context: AuthenticatedContext, id: UUID, _ attempt: Attempt) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, id: id, request: request, attempt: attempt) }
        let status: HTTPResponse.Status = attempt.stale ? .conflict : Problem(domain: attempt.error).status
        return PageResponse.render("crev-revenue", model, status: status)
    }

    /// The contract's fields as the use case takes them.
    static func new(_ form: [String: String]) throws -> Contracts.New {
        let currency = try CustomerRevenueInput.currency(form["currency"])
        let arr = try CustomerRevenueInput.amount(form["arr"], currency: currency, field: "arr")
        let start = try CustomerRevenueInput.date(form["start_date"], field: "start_date")
        let end = try CustomerRevenueInput.date(form["end_date"], field: "end_date")
        let notice = try CustomerRevenueInput.notice(form["notice_value"], unit: form["notice_unit"])
        var status = Contract.Status.active
        if let text = CustomerPageText.text(form["status"]) {
            guard let chosen = Contract.Status(rawValue: text) else { throw DomainError(.invalid, "crev_error_status", field: "status") }
            status = chosen
        }
        return Contracts.New(
            name: CustomerPageText.text(form["name"]), externalID: nil, arr: arr, startDate: start, endDate: end,
            autoRenews: form["auto_renews"] == "1", noticeDays: notice.days, noticeMonths: notice.months, status: status)
    }

    func addContract(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        do {
            try await store.tenant(context) { tx, caller in
                let contracts = Contracts(tx, caller)
                // The rights first, so someone who may not add a contract is refused whatever they typed.
                _ = try await Self.manageable(tx, caller, id)
                _ = try await contracts.create(try await contracts.check(customer: id, try Self.new(form)))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/revenue?done=added#contracts")
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            return try await refused(request, context, id: id, Attempt(form: .add, typed: form, error: error, stale: false))
        }
    }

    func editContract(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let contractID = try CustomerPageText.id(context.parameters.get("contract"), what: "contract not found")
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        do {
            try await store.tenant(context) { tx, caller in
                try await Self.owned(tx, caller, contract: contractID, customer: id)
                _ = try await Self.manageable(tx, caller, id)
                let new = try Self.new(form)
                let changes = Contracts.Changes(
                    name: .some(new.name), externalID: nil, arr: new.arr, startDate: new.startDate, endDate: new.endDate,
                    autoRenews: new.autoRenews, noticeDays: .some(new.noticeDays), noticeMonths: .some(new.noticeMonths),
                    status: new.status, renewalOutcome: nil)
                _ = try await Contracts(tx, caller).update(contractID, changes, expectedVersion: Int(form["version"] ?? ""))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/revenue?done=saved#contracts")
        } catch let error as DomainError where error.code == .preconditionFailed {
            // Someone saved in between: show what is there now and say so, rather than overwrite it.
            return try await refused(request, context, id: id, Attempt(form: .edit(contractID), typed: form, error: error, stale: true))
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            return try await refused(request, context, id: id, Attempt(form: .edit(contractID), typed: form, error: error, stale: false))
        }
    }

    func recordRenewal(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let contractID = try CustomerPageText.id(context.parameters.get("contract"), what: "contract not found")
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        do {
            try await store.tenant(context) { tx, caller in
                let before = try await Self.owned(tx, caller, contract: contractID, customer: id)
                _ = try await Self.manageable(tx, caller, id)
                guard let outcome = form["outcome"].flatMap(RenewalOutcome.init(rawValue:)) else {
                    throw DomainError(.missing, "crev_error_outcome", field: "outcome")
                }
                var next: Contracts.New?
                // A churned customer has no next contract; any other outcome may name it (blank ARR: not yet known).
                if outcome != .churned, CustomerPageText.text(form["arr"]) != nil {
                    let new = try Self.new(form)
                    if new.arr.currency == before.arr.currency {
                        if outcome == .expanded, !(before.arr < new.arr) {
                            throw DomainError(.invalid, "crev_error_expanded_not_more", field: "arr")
                        }
                        if outcome == .contracted, !(new.arr < before.arr) {
                            throw DomainError(.invalid, "crev_error_contracted_not_less", field: "arr")
                        }
                    }
                    next = new
                }
                _ = try await Contracts(tx, caller).recordRenewal(contractID, outcome: outcome, next: next)
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/revenue?done=renewal#contracts")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            return try await refused(request, context, id: id, Attempt(form: .renewal(contractID), typed: form, error: error, stale: false))
        }
    }

    func putSnapshot(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        do {
            try await store.tenant(context) { tx, caller in
                _ = try await Self.manageable(tx, caller, id)
                let month = try CustomerRevenueInput.month(form["month"])
                let currency = try CustomerRevenueInput.currency(form["currency"])
                let amount = try CustomerRevenueInput.amount(form["amount"], currency: currency, field: "amount")
                _ = try await Revenue(tx, caller).put(customer: id, month: month, amount: amount)
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/revenue?done=snapshot#revenue")
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            let placed = error.field == "amount_minor" ? DomainError(error.code, error.message, field: "amount") : error
            return try await refused(request, context, id: id, Attempt(form: .snapshot, typed: form, error: placed, stale: false))
        }
    }

    func deleteSnapshot(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        try await store.tenant(context) { tx, caller in
            _ = try await Self.manageable(tx, caller, id)
            let month = try CustomerRevenueInput.month(form["month"])
            let currency = try CustomerPageText.text(form["currency"]).map { try CustomerRevenueInput.currency($0) }
            try await Revenue(tx, caller).delete(customer: id, month: month, currency: currency)
        }
        return .seeOther("/customers/\(id.uuidString.lowercased())/revenue?done=removed#revenue")
    }

    /// The customer, if the caller may change its contracts and revenue: 404 when they may not read it, 403 when
    /// they may read but not change — before any input is judged.
    static func manageable(_ tx: TenantTransaction, _ caller: Caller, _ id: UUID) async throws -> Customer {
        let customer = try await Customers(tx, caller).get(id)
        let identity = caller.identity
        try identity.require(.readContractValues, in: customer.scope)
        try identity.require(.manageCustomers, in: customer.scope)
        return customer
    }

    /// The contract, when it is this customer's (a contract id under another customer's path does not exist there).
    @discardableResult
    static func owned(_ tx: TenantTransaction, _ caller: Caller, contract: UUID, customer: UUID) async throws -> Contract {
        let found = try await Contracts(tx, caller).get(contract)
        guard found.customerID == customer else { throw DomainError(.notFound, "contract not found") }
        return found
    }
}
