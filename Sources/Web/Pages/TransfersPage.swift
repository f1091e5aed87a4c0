import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/transfers`: 人事異動 — for whoever may transfer work, a form "move the work of X to Y"; a preview of what would
/// move (goals, their open check-ins, the reviews X is waiting on, X's open accountabilities) before the confirming
/// POST; then the record. Below, the past transfers the reader may read. `/transfers/{id}` is one record.
struct TransfersPage: Sendable {
    let store: Store

    struct TransferForm: Sendable {
        let from: [FormOption]
        let to: [FormOption]
        let note: String
        let error: String?
        let fromError: String?
        let toError: String?
    }

    struct Item: Sendable {
        let title: String
        let href: String?
        let detail: String?
    }

    struct Preview: Sendable {
        let fromID: String
        let toID: String
        let note: String
        let heading: String
        let summary: String
        let goals: [Item]
        let reviews: [Item]
        let accountabilities: [Item]
        let openCheckIns: String
        let nothing: Bool
    }

    struct Row: Sendable {
        let href: String
        let when: String
        let what: String
        let by: String
        let summary: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let form: TransferForm?
        let preview: Preview?
        let rows: [Row]
        let empty: Bool
    }

    struct Fields: Decodable {
        var from: String?
        var to: String?
        var note: String?
    }

    func list(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: request.uri.description, typed: nil, refused: nil, preview: nil)
        }
        return PageResponse.render("org-transfers", model)
    }

    /// `GET /transfers/preview?from=…&to=…`: what would move, read with the same checks as the transfer and
    /// nothing written — a GET, so reloading it or going back to it is harmless.
    func preview(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        // Read as the form it is (a space comes as `+`), not as loose query parameters.
        let form: Fields
        do {
            let query = request.uri.query ?? ""
            guard !query.contains("%00") else { throw DomainError(.invalid, "NUL") }
            form = try URLEncodedFormDecoder().decode(Fields.self, from: query)
        } catch {
            throw Problem(status: .unprocessableContent, code: "invalid_form", detail: "the form could not be read")
        }
        let page = request.uri.description
        do {
            let model = try await store.tenant(context) { tx, caller in
                try Self.requireMayTransfer(caller.identity)
                let transfers = WorkTransfers(tx, caller)
                let parties = try await transfers.check(from: try Self.member(form.from, field: "from_member_id"), to: try Self.receiver(form))
                let preview = try await transfers.preview(parties)
                return try await load(tx, caller, page: page, typed: form, refused: nil, preview: (parties, preview))
            }
            return PageResponse.render("org-transfers", model)
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return try await refused(context, form, error, page: page)
        }
    }

    /// `POST /transfers`: the confirmed transfer; on success its record.
    func transfer(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let form = try await request.decodeForm(as: Fields.self, context: context)
        do {
            let id = try await store.tenant(context) { tx, caller in
                try Self.requireMayTransfer(caller.identity)
                let transfers = WorkTransfers(tx, caller)
                let parties = try await transfers.check(from: try Self.member(form.from, field: "from_member_id"), to: try Self.receiver(form))
                return try await transfers.transfer(parties, note: GoalPage.text(form.note)).id
            }
            return .seeOther("/transfers/\(id.lowercased)?done=transferred")
        } catch let error as DomainError where error.code != .notFound && error.code != .forbidden {
            return try await refused(context, form, error, page: "/transfers")
        }
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "transfer not found")
        }
        let done = request.uri.queryParameters["done"] == "transferred"
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let record = try await WorkTransfers(tx, caller).get(id)
            let names = try await MemberRepository.displayNames(tx)
            let goals = try await GoalRepository.titles(tx, ids: record.goalIDs)
            var accountabilities: [Item] = []
            for itemID in record.accountabilityIDs {
                guard let item = try await AccountabilityRepository.get(tx, id: itemID) else { continue }
                accountabilities.append(try await Self.item(item, tx: tx, t: t, f: f))
            }
            let title = t.format("org_transfer_title", ["from": names[record.fromMemberID] ?? "", "to": names[record.toMemberID] ?? ""])
            return RecordModel(
                chrome: reader.chrome(title: title, current: "/transfers", page: request.uri.description), t: t.strings, title: title,
                notice: done ? t["org_notice_transferred"] : nil,
                when: f.dateTime(record.createdAt), by: names[record.byMemberID] ?? "",
                from: names[record.fromMemberID] ?? "", to: names[record.toMemberID] ?? "", note: record.note,
                goals: record.goalIDs.map { Item(title: goals[$0] ?? "", href: "/goals/\($0.lowercased)", detail: nil) },
                checkIns: t.format("org_checkins_moved", ["count": f.number(Double(record.checkInIDs.count))]),
                accountabilities: accountabilities)
        }
        return PageResponse.render("org-transfer", model)
    }

    struct RecordModel: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let title: String
        let notice: String?
        let when: String
        let by: String
        let from: String
        let to: String
        let note: String?
        let goals: [Item]
        let checkIns: String
        let accountabilities: [Item]
    }

    // MARK: - Helpers

    /// Someone who may transfer work nowhere hears 403 whatever the form says, before a field is judged.
    static func requireMayTransfer(_ identity: Identity) throws {
        if !identity.reach(.transferWork).anywhere { try identity.require(.transferWork, in: .org) }
    }

    static func member(_ text: String?, field: String) throws -> UUID {
        guard let text = GoalPage.text(text) else { throw DomainError(.missing, "org_error_choose_member", field: field) }
        guard let id = UUID(uuidString: text) else { throw DomainError(.invalid, "org_error_unknown_member", field: field) }
        return id
    }

    /// The member taking the work: someone other than the one giving it.
    static func receiver(_ form: Fields) throws -> UUID {
        let to = try member(form.to, field: "to_member_id")
        if let from = form.from.flatMap(UUID.init(uuidString:)), from == to {
            throw DomainError(.invalid, "org_error_same_member", field: "to_member_id")
        }
        return to
    }

    static func item(_ item: Accountability, tx: TenantTransaction, t: Catalogue, f: PageFormat) async throws -> Item {
        let goal = try await item.subjectID.asyncMap { try await GoalRepository.titles(tx, ids: [$0])[$0] } ?? nil
        return Item(
            title: item.duty ?? goal ?? t["acc_subject_\(item.subjectType.rawValue)"],
            href: "/accountabilities/\(item.id.lowercased)",
            detail: item.dueDate.map { t.format("home_due", ["date": f.date($0)]) })
    }

    private func refused(_ context: AuthenticatedContext, _ form: Fields, _ error: DomainError, page: String) async throws -> Response {
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, page: page, typed: form, refused: error, preview: nil)
        }
        return PageResponse.render("org-transfers", model, status: Problem(domain: error).status)
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, page: String, typed: Fields?, refused: DomainError?,
        preview: (WorkTransfers.Parties, WorkTransfers.Preview)?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let names = try await MemberRepository.displayNames(tx)
        var form: TransferForm?
        if reader.may(.transferWork) {
            let members = try await MemberRepository.list(
                tx, companyID: nil, teamID: nil, visibleTo: identity.reach(.readDirectory), after: nil, limit: 500
            ).items
            func local(_ e: DomainError) -> String {
                t.strings[e.message] ?? t.strings["org_error_\(e.field ?? "")"] ?? t.explain(e)
            }
            let fields = ["from_member_id", "to_member_id"]
            form = TransferForm(
                from: [FormOption(value: "", label: t["org_choose_member"], selected: (typed?.from ?? "").isEmpty)]
                    + members.map {
                        FormOption(
                            value: $0.id.lowercased, label: $0.active ? $0.displayName : t.format("org_inactive", ["name": $0.displayName]),
                            selected: typed?.from == $0.id.lowercased)
                    },
                to: [FormOption(value: "", label: t["org_choose_member"], selected: (typed?.to ?? "").isEmpty)]
                    + members.filter(\.active).map { FormOption(value: $0.id.lowercased, label: $0.displayName, selected: typed?.to == $0.id.lowercased) },
                note: typed?.note ?? "",
                error: refused.flatMap { fields.contains($0.field ?? "") ? nil : local($0) },
                fromError: refused.flatMap { $0.field == "from_member_id" ? local($0) : nil },
                toError: refused.flatMap { $0.field == "to_member_id" ? local($0) : nil })
        }
        var shown: Preview?
        if let (parties, moving) = preview {
            var accountabilities: [Item] = []
            for item in moving.accountabilities { accountabilities.append(try await Self.item(item, tx: tx, t: t, f: f)) }
            let from = parties.from.displayName, to = names[parties.to] ?? ""
            let counts: [String: String] = [
                "goals": t.counted("goal", moving.goals.count, f), "check_ins": t.counted("open_check_in", moving.openCheckIns, f),
                "reviews": t.counted("review", moving.reviews.count, f),
                "accountabilities": t.counted("accountability", moving.accountabilities.count, f),
            ]
            shown = Preview(
                fromID: parties.from.id.lowercased, toID: parties.to.lowercased, note: typed?.note ?? "",
                heading: t.format("org_preview_heading", ["from": from, "to": to]),
                summary: t.format("org_preview_summary", counts),
                goals: moving.goals.map { Item(title: $0.title, href: "/goals/\($0.id.lowercased)", detail: t["kind_\($0.kind.rawValue)"]) },
                reviews: moving.reviews.map { Item(title: $0.title, href: nil, detail: $0.period) },
                accountabilities: accountabilities,
                openCheckIns: t.format("org_checkins_moving", ["count": f.number(Double(moving.openCheckIns))]),
                nothing: moving.goals.isEmpty && moving.reviews.isEmpty && moving.accountabilities.isEmpty)
        }
        let records = try await WorkTransfers(tx, caller).visible(limit: 100)
        let rows = records.map { r in
            Row(
                href: "/transfers/\(r.id.lowercased)", when: f.dateTime(r.createdAt),
                what: t.format("org_transfer_title", ["from": names[r.fromMemberID] ?? "", "to": names[r.toMemberID] ?? ""]),
                by: names[r.byMemberID] ?? "",
                summary: t.format(
                    "org_moved_summary",
                    [
                        "goals": t.counted("goal", r.goalIDs.count, f), "check_ins": t.counted("check_in", r.checkInIDs.count, f),
                        "accountabilities": t.counted("accountability", r.accountabilityIDs.count, f),
                    ]))
        }
        return Model(
            chrome: reader.chrome(title: t["org_transfers_title"], current: "/transfers", page: page), t: t.strings, form: form,
            preview: shown, rows: rows, empty: rows.isEmpty)
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
