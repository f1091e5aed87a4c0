import API
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/merge`: a manager folds a duplicate record of the same customer into this one. Three steps,
/// none needing JavaScript: find and pick the duplicate (a GET form over the live customers the manager may merge),
/// see what would move and which record survives, then confirm with a POST that lands on the surviving customer.
struct CustomerMergePage: Sendable {
    let store: Store
    static let candidateLimit = 200

    struct Fact: Sendable {
        let label: String
        let survivor: String
        let duplicate: String
    }

    struct Count: Sendable {
        let label: String
        let count: String
    }

    struct Preview: Sendable {
        let duplicateID: String
        let duplicateName: String
        let duplicateHref: String
        let facts: [Fact]
        let counts: [Count]
        let nothingMoves: Bool
        let confirm: String
        let outcome: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let survives: String
        let archived: Bool
        let q: String
        let candidates: [FormOption]
        let hasCandidates: Bool
        let searched: Bool
        let error: String?
        let preview: Preview?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let query = request.uri.queryParameters
        let q = query["q"].map(String.init).flatMap(CustomerPageText.text).map { String($0.prefix(200)) }
        let chosen = query["duplicate"].map(String.init).flatMap(CustomerPageText.text)
        var status = HTTPResponse.Status.ok
        let model = try await store.tenant(context) { tx, caller in
            var refused: DomainError?
            var preview: Customers.MergePreview?
            if let chosen {
                do {
                    guard let duplicate = UUID(uuidString: chosen) else {
                        throw DomainError(.invalid, "no such customer in this organisation", field: "duplicate_id")
                    }
                    preview = try await Customers(tx, caller).mergePreview(id, duplicate: duplicate)
                } catch let error as DomainError where [.invalid, .conflict].contains(error.code) {
                    refused = error
                    status = Problem(domain: error).status
                }
            }
            return try await load(tx, caller, id: id, q: q, chosen: chosen, preview: preview, refused: refused, page: request.uri.description)
        }
        return PageResponse.render("crec-merge", model, status: status)
    }

    func merge(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await CustomerFormPage.fields(request, context)
        let chosen = CustomerPageText.text(form["duplicate_id"])
        do {
            try await store.tenant(context) { tx, caller in
                guard let duplicate = chosen.flatMap(UUID.init(uuidString:)) else {
                    // Refuse as the merge would, so a CSM learns "forbidden" before "which duplicate?".
                    try caller.identity.require(.manageCustomers, in: try await Customers(tx, caller).get(id).scope)
                    throw DomainError(.missing, "crec_merge_pick", field: "duplicate_id")
                }
                _ = try await Customers(tx, caller).merge(id, duplicate: duplicate)
            }
            return .seeOther("/customers/\(id.uuidString.lowercased())?done=merged")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, q: nil, chosen: chosen, preview: nil, refused: error, page: request.uri.path)
            }
            return PageResponse.render("crec-merge", model, status: Problem(domain: error).status)
        }
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, q: String?, chosen: String?, preview: Customers.MergePreview?,
        refused: DomainError?, page: String
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let customers = Customers(tx, caller)
        let survivor = try await customers.get(id)
        // The candidates are the manager's to merge; anyone else is refused here, before seeing a single name.
        let candidates = try await customers.mergeCandidates(for: id, search: q, limit: Self.candidateLimit)
        let directory = try await CustomerDirectoryOptions.load(tx, caller.identity)
        let names = try await MemberRepository.displayNames(tx)
        let lower = id.uuidString.lowercased()
        func describe(_ c: Customer) -> String {
            var parts = [c.name]
            if let kana = c.nameKana { parts[0] += "（\(kana)）" }
            parts.append(directory.companyName(c.companyID) ?? "–")
            parts.append(c.ownerID.flatMap { names[$0] } ?? t["cust_no_owner"])
            return parts.joined(separator: " · ")
        }
        var options = candidates.map { c in
            FormOption(value: c.id.uuidString.lowercased(), label: describe(c), selected: chosen?.lowercased() == c.id.uuidString.lowercased())
        }
        // The record chosen stays choosable even when a search no longer lists it.
        if let p = preview, !options.contains(where: { $0.selected }) {
            options.insert(FormOption(value: p.duplicate.id.uuidString.lowercased(), label: describe(p.duplicate), selected: true), at: 0)
        }
        let hasCandidates = !options.isEmpty
        options.insert(FormOption(value: "", label: t["crec_merge_choose"], selected: !options.contains { $0.selected }), at: 0)

        var shown: Preview?
        if let p = preview {
            let d = p.duplicate, s = p.survivor
            func value(_ text: String?) -> String { text ?? "–" }
            let facts = [
                Fact(label: t["cust_name"], survivor: s.name, duplicate: d.name),
                Fact(label: t["cust_name_kana"], survivor: value(s.nameKana), duplicate: value(d.nameKana)),
                Fact(label: t["cust_name_en"], survivor: value(s.nameEn), duplicate: value(d.nameEn)),
                Fact(label: t["cust_company"], survivor: value(directory.companyName(s.companyID)), duplicate: value(directory.companyName(d.companyID))),
                Fact(label: t["cust_owner"], survivor: value(s.ownerID.flatMap { names[$0] }), duplicate: value(d.ownerID.flatMap { names[$0] })),
                Fact(label: t["cust_phase"], survivor: CustomerPageText.phase(s.phase, t), duplicate: CustomerPageText.phase(d.phase, t)),
                Fact(label: t["cust_segment"], survivor: value(s.segment), duplicate: value(d.segment)),
                Fact(label: t["crec_external_id"], survivor: value(s.externalID), duplicate: value(d.externalID)),
                Fact(label: t["cust_tags"], survivor: s.tags.isEmpty ? "–" : s.tags.joined(separator: ", "), duplicate: d.tags.isEmpty ? "–" : d.tags.joined(separator: ", ")),
            ]
            let m = p.moving
            let all: [(String, Int)] = [
                ("crec_moves_contacts", m.contacts), ("crec_moves_contracts", m.contracts), ("crec_moves_revenue", m.revenueSnapshots),
                ("crec_moves_usage", m.usageMetrics), ("crec_moves_tickets", m.tickets), ("crec_moves_nps", m.npsResponses),
                ("crec_moves_timeline", m.timelineEntries), ("crec_moves_health", m.healthScores),
                ("crec_moves_accountabilities", m.accountabilities), ("crec_moves_problems", m.problems),
                ("crec_moves_success", m.successRecords), ("crec_moves_programs", m.programEnrolments), ("crec_moves_surveys", m.surveys),
                ("crec_moves_process", m.processPlacements),
            ]
            // Contract values are not every reader's; a manager sees them, but the count of revenue months says nothing of amounts.
            let counts = all.map { Count(label: t[$0.0], count: f.number(Double($0.1))) }
            shown = Preview(
                duplicateID: d.id.uuidString.lowercased(), duplicateName: d.name, duplicateHref: "/customers/\(d.id.uuidString.lowercased())",
                facts: facts, counts: counts, nothingMoves: all.allSatisfy { $0.1 == 0 },
                confirm: t.format("crec_merge_confirm", ["duplicate": d.name, "survivor": s.name]),
                outcome: t.format("crec_merge_outcome", ["duplicate": d.name, "survivor": s.name]))
        }
        let title = t.format("crec_merge_title", ["name": survivor.name])
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .overview).map { CustomerTabs.Tab(label: $0.label, href: $0.href, current: false) },
            id: lower, title: title, survives: t.format("crec_merge_survives", ["name": survivor.name]), archived: survivor.archivedAt != nil,
            q: q ?? "", candidates: options, hasCandidates: hasCandidates, searched: q != nil,
            error: refused.map { CustomerPageText.Refusal($0, t).message }, preview: shown)
    }

    // MARK: - Restore

    struct RefusedModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let message: String
        let back: String
        let survivor: String?
    }

    /// Brings an archived customer back into the lists (a manager's). A merged record cannot come back — its records
    /// live on the survivor — and the page says so, with the way to the survivor.
    func restore(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        do {
            try await store.tenant(context) { tx, caller in _ = try await Customers(tx, caller).restore(id) }
            return .seeOther("/customers/\(id.uuidString.lowercased())?done=restored")
        } catch let error as DomainError where error.code == .conflict {
            let model = try await store.tenant(context) { tx, caller in
                let reader = try await Reader.load(tx, caller)
                let t = reader.t
                let customer = try await Customers(tx, caller).get(id)
                let title = t.format("crec_restore_refused_title", ["name": customer.name])
                return RefusedModel(
                    chrome: reader.chrome(title: title, current: "/customers", page: "/customers/\(id.uuidString.lowercased())"), t: t.strings,
                    title: title, message: t.explain(error), back: "/customers/\(id.uuidString.lowercased())",
                    survivor: customer.mergedInto.map { "/customers/\($0.uuidString.lowercased())" })
            }
            return PageResponse.render("crec-refused", model, status: .conflict)
        }
    }
}
