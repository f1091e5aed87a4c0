import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/nps`: a customer's NPS (−100…100, with promoters, passives and detractors counted the domain's
/// way, `NPS(scores:)`) over the last 12 months and all time, and every response newest first — score and what it
/// means in words, the comment set to be read (a detractor's comment is what a CSM acts on), who answered, when and
/// how — filtered by category and paged. Every reader of the customer reads it (support included: an answer is not a
/// contract value); the owning CSM, managers and CS ops record a response (`CustomerAccessRules.canEdit`, as the use
/// case rules); deleting one takes `customers.manage`.
struct CustomerNPSPage: Sendable {
    let store: Store

    static let pageSize = 20

    struct Tally: Sendable {
        let label: String
        let score: String
        let counts: String
        let responses: String
        let hasScore: Bool
        let split: [Segment]
    }

    /// One category's part of the bar under a tally (its share of the responses, on a 0–100 scale).
    struct Segment: Sendable {
        let css: String
        let x: String
        let width: String
    }

    struct Row: Sendable {
        let id: String
        let score: String
        let category: String
        let css: String
        let comment: String?
        let who: String?
        let date: String
        let channel: String
        let deleteAction: String?
        let deleteLabel: String
    }

    struct Filter: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct ScoreChoice: Sendable {
        let value: String
        let id: String
        let checked: Bool
        let css: String
    }

    struct AddForm: Sendable {
        let scores: [ScoreChoice]
        let comment: String
        let respondent: String
        let contacts: [FormOption]
        let hasContacts: Bool
        let date: String
        let channels: [FormOption]
        let error: String?
        let scoreError: String?
        let commentError: String?
        let respondentError: String?
        let contactError: String?
        let dateError: String?
        let channelError: String?
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
        let tallies: [Tally]
        let filters: [Filter]
        let rows: [Row]
        let hasRows: Bool
        let empty: String
        let shown: String?
        let newer: String?
        let older: String?
        let form: AddForm?
    }

    static let notices = ["added": "crev_nps_notice_added", "deleted": "crev_nps_notice_deleted"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in try await load(tx, caller, id: id, request: request, typed: nil, error: nil) }
        return PageResponse.render("crev-nps", model)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, request: Request, typed: [String: String]?, error: DomainError?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customer = try await Customers(tx, caller).get(id)
        let canAdd = customer.archivedAt == nil && CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
        let canDelete = identity.authorizer.can(identity.actor, .manageCustomers, in: customer.scope).allowed
        if typed != nil, !canAdd {
            throw DomainError(
                .forbidden, "crev_error_forbidden", permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
        }
        let responses = try await Self.allResponses(NPSResponses(tx, caller), customer: id)
            .sorted { ($0.respondedOn, $0.createdAt) > ($1.respondedOn, $1.createdAt) }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID).today
        let lower = id.uuidString.lowercased()
        let base = "/customers/\(lower)/nps"

        // The domain's tally, over the last 12 months and over everything.
        let yearAgo = today.adding(months: -12)
        let tallies = [
            Self.tally(t["crev_nps_year"], try NPS(scores: responses.filter { $0.respondedOn > yearAgo }.map(\.score)), t: t, f: f),
            Self.tally(t["crev_nps_all"], try NPS(scores: responses.map(\.score)), t: t, f: f),
        ]

        // Contacts, for their names and the form's choice.
        var contacts: [Contact] = []
        var cursor: UUID?
        repeat {
            let page = try await Contacts(tx, caller).list(customer: id, after: cursor, limit: 200)
            contacts += page.items
            cursor = page.nextCursor
        } while cursor != nil && contacts.count < 2000
        let contactNames = Dictionary(contacts.map { ($0.id, $0.erasedAt == nil ? $0.name : t["cust_contact_erased"]) }, uniquingKeysWith: { a, _ in a })

        // The category filter and the page.
        let query = request.uri.queryParameters
        let category = query["category"].flatMap { NPS.Category(rawValue: String($0)) }
        let filtered = category.map { c in responses.filter { $0.category == c } } ?? responses
        let pageCount = max(1, (filtered.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(max(1, query["page"].flatMap { Int(String($0)) } ?? 1), pageCount)
        let slice = filtered.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        func link(_ category: NPS.Category?, page: Int) -> String {
            var parts: [String] = []
            if let category { parts.append("category=\(category.rawValue)") }
            if page > 1 { parts.append("page=\(page)") }
            return base + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&")) + "#responses"
        }
        let counts = Dictionary(grouping: responses, by: \.category).mapValues(\.count)
        let filters = [Filter(label: t.format("crev_nps_filter_all", ["count": f.number(Double(responses.count))]), href: link(nil, page: 1), current: category == nil)]
            + [NPS.Category.detractor, .passive, .promoter].map { c in
                Filter(label: t.format("crev_nps_filter_\(c.rawValue)", ["count": f.number(Double(counts[c] ?? 0))]), href: link(c, page: 1),
                       current: category == c)
            }

        let rows = slice.map { r -> Row in
            var who: [String] = []
            for name in [r.respondent, r.contactID.flatMap { contactNames[$0] }].compactMap({ $0 }) where !who.contains(name) { who.append(name) }
            let category = r.category.rawValue
            return Row(
                id: "nps-\(r.id.uuidString.lowercased().suffix(12))", score: "\(r.score)", category: t["crev_nps_\(category)"], css: category,
                comment: r.comment, who: who.isEmpty ? nil : who.joined(separator: " · "),
                date: f.date(r.respondedOn), channel: t["crev_channel_\(r.channel.rawValue)"],
                deleteAction: canDelete ? "\(base)/\(r.id.uuidString.lowercased())/delete" : nil,
                deleteLabel: t.format("crev_nps_delete_label", ["score": "\(r.score)", "date": f.date(r.respondedOn)]))
        }

        var form: AddForm?
        if canAdd {
            let refusal = error.map { CustomerPageText.Refusal($0, t) }
            let score = typed?["score"] ?? ""
            let contact = typed?["contact_id"] ?? ""
            let channel = typed?["channel"] ?? NPSResponse.Channel.survey.rawValue
            form = AddForm(
                scores: (0...10).map { n in
                    ScoreChoice(value: "\(n)", id: "nps-score-\(n)", checked: score == "\(n)",
                                css: ((try? NPS.category(of: n)) ?? .detractor).rawValue)
                },
                comment: typed?["comment"] ?? "", respondent: typed?["respondent"] ?? "",
                contacts: [FormOption(value: "", label: t["crev_nps_contact_none"], selected: contact.isEmpty)]
                    + contacts.filter { $0.erasedAt == nil }.map { c in
                        FormOption(value: c.id.uuidString.lowercased(), label: c.role.map { "\(c.name)（\($0)）" } ?? c.name,
                                   selected: contact == c.id.uuidString.lowercased())
                    },
                hasContacts: contacts.contains { $0.erasedAt == nil },
                date: typed?["responded_on"] ?? today.description,
                channels: NPSResponse.Channel.allCases.map { FormOption(value: $0.rawValue, label: t["crev_channel_\($0.rawValue)"], selected: channel == $0.rawValue) },
                error: refusal?.general(["score", "comment", "respondent", "contact_id", "responded_on", "channel"]),
                scoreError: refusal?.at("score"), commentError: refusal?.at("comment"), respondentError: refusal?.at("respondent"),
                contactError: refusal?.at("contact_id"), dateError: refusal?.at("responded_on"), channelError: refusal?.at("channel"),
                open: error != nil)
        }

        let title = t.format("crev_nps_title", ["name": customer.name])
        let notice = query["done"].flatMap { Self.notices[String($0)] }.map { t[$0] }
        let first = (page - 1) * Self.pageSize + 1
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: request.uri.description), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .nps), id: lower, name: customer.name, title: title, notice: notice,
            tallies: tallies, filters: filters, rows: Array(rows), hasRows: !rows.isEmpty,
            empty: t[category == nil ? "crev_nps_empty" : "crev_nps_empty_filtered"],
            shown: filtered.count > Self.pageSize
                ? t.format("crev_nps_shown", ["from": f.number(Double(first)), "to": f.number(Double(first + rows.count - 1)),
                                              "count": f.number(Double(filtered.count))])
                : nil,
            newer: page > 1 ? link(category, page: page - 1) : nil, older: page < pageCount ? link(category, page: page + 1) : nil,
            form: form)
    }

    static func tally(_ label: String, _ nps: NPS, t: Catalogue, f: PageFormat) -> Tally {
        let total = Double(max(nps.responses, 1))
        var x = 0.0
        let split = [("promoter", nps.promoters), ("passive", nps.passives), ("detractor", nps.detractors)].compactMap { css, n -> Segment? in
            guard n > 0 else { return nil }
            let width = Double(n) / total * 100
            defer { x += width }
            return Segment(css: css, x: CustomerRevenueChart.r(x), width: CustomerRevenueChart.r(width))
        }
        return Tally(
            label: label, score: nps.roundedScore.map { $0 > 0 ? "+\($0)" : $0 < 0 ? "−\(-$0)" : "0" } ?? "–",
            counts: t.format("cust_nps_counts", ["promoters": f.number(Double(nps.promoters)), "passives": f.number(Double(nps.passives)),
                                                 "detractors": f.number(Double(nps.detractors))]),
            responses: nps.responses == 0 ? t["crev_nps_no_responses"] : t.format("crev_nps_responses", ["count": f.number(Double(nps.responses))]),
            hasScore: nps.score != nil, split: split)
    }

    static func allResponses(_ use: NPSResponses, customer id: UUID) async throws -> [NPSResponse] {
        var all: [NPSResponse] = []
        var cursor: UUID?
        repeat {
            let page = try await use.list(customer: id, after: cursor, limit: 500)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil && all.count < 20_000
        return all
    }

    // MARK: - Actions

    func add(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = CustomerRevenueInput.fields(try await CustomerPage.pairs(request, context))
        do {
            try await store.tenant(context) { tx, caller in
                // The rights first, so someone who may not record a response is refused whatever they typed.
                let customer = try await Customers(tx, caller).get(id)
                let identity = caller.identity
                if !CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer) {
                    throw DomainError(
                        .forbidden, "crev_error_forbidden", permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
                }
                guard let text = CustomerPageText.text(form["score"]), let score = Int(text), (0...10).contains(score) else {
                    throw DomainError(.missing, "crev_error_score", field: "score")
                }
                var contact: UUID?
                if let text = CustomerPageText.text(form["contact_id"]) {
                    guard let parsed = UUID(uuidString: text) else { throw DomainError(.invalid, "crev_error_contact", field: "contact_id") }
                    contact = parsed
                }
                var channel: NPSResponse.Channel?
                if let text = CustomerPageText.text(form["channel"]) {
                    guard let parsed = NPSResponse.Channel(rawValue: text) else { throw DomainError(.invalid, "crev_error_channel", field: "channel") }
                    channel = parsed
                }
                let day = try CustomerPageText.text(form["responded_on"]).map { try CustomerRevenueInput.date($0, field: "responded_on") }
                let responses = NPSResponses(tx, caller)
                _ = try await responses.create(try await responses.check(customer: id, .init(
                    score: score, comment: form["comment"], respondent: form["respondent"], contactID: contact, respondedOn: day,
                    channel: channel, externalID: nil)))
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())/nps?done=added#responses")
        } catch let error as DomainError where [.invalid, .missing].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, request: request, typed: form, error: error)
            }
            return PageResponse.render("crev-nps", model, status: .unprocessableContent)
        }
    }

    func delete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let responseID = try CustomerPageText.id(context.parameters.get("response"), what: "NPS response not found")
        try await store.tenant(context) { tx, caller in
            // Only a response of this customer is deleted from its page.
            let responses = try await Self.allResponses(NPSResponses(tx, caller), customer: id)
            guard responses.contains(where: { $0.id == responseID }) else { throw DomainError(.notFound, "NPS response not found") }
            try await NPSResponses(tx, caller).delete(responseID)
        }
        return .seeOther("/customers/\(id.uuidString.lowercased())/nps?done=deleted#responses")
    }
}
