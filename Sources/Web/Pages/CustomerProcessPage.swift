import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/process` (the customer's "process" tab): which standard process and version the customer is
/// on, its steps with their done dates, the current step with its exit criterion and who is R and A, and — for
/// its editors, those who manage success and the holders of the step's responsible positions — "mark step done".
/// Editors place it on a process (by default the version its company adopted) or move it to another version.
struct CustomerProcessPage: Sendable {
    let store: Store

    struct StepRow: Sendable {
        let number: String
        let name: String
        let expected: String
        let state: String
        let stateClass: String
        let started: String
        let completed: String
        let days: String
        let reached: Bool
    }

    struct Current: Sendable {
        let name: String
        let exit: String
        let responsible: String
        let accountable: String
        let consulted: String
        let informed: String
        let held: String
        let stalled: Bool
        let action: String
    }

    struct PastRow: Sendable {
        let process: String
        let version: String
        let placed: String
        let ended: String
        let done: String
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let title: String
        let notice: String?
        let placed: Bool
        let processName: String?
        let processHref: String?
        let versionLabel: String?
        let placedOn: String?
        let steps: [StepRow]
        let current: Current?
        let finished: Bool
        let canComplete: Bool
        let completeDay: String
        let completeError: String?
        let canPlace: Bool
        let placeOptions: [FormOption]
        let placeDay: String
        let placeError: String?
        let placeDayError: Bool
        let adoptedHint: String?
        let past: [PastRow]
        let hasPast: Bool
        let archived: Bool
    }

    static let notices = ["placed": "prc_notice_placed", "completed": "prc_notice_completed"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let notice = request.uri.queryParameters["done"].flatMap { Self.notices[String($0)] }
        let model = try await store.tenant(context) { tx, caller in
            try await load(tx, caller, id: id, page: request.uri.description, notice: notice, place: nil, complete: nil, error: nil)
        }
        return PageResponse.render("prc-customer", model)
    }

    struct PlaceFields: Decodable, Sendable {
        var version: String?
        var placed_on: String?
    }

    func place(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let form = try await request.decodeForm(as: PlaceFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                // A reader who may not place the customer is refused before the form is read (the use case checks again).
                let customer = try await Customers(tx, caller).get(id)
                guard Self.canPlace(caller.identity, customer) else {
                    throw DomainError(
                        .forbidden, "only the customer's editors or those who manage success place it on a process",
                        permission: Permission.manageSuccess.rawValue)
                }
                var version: UUID?
                if let text = form.version, !text.isEmpty {
                    guard let parsed = UUID(uuidString: text) else { throw DomainError(.invalid, "prc_err_version", field: "version_id") }
                    version = parsed
                }
                let day = try ProcessPageText.day(form.placed_on, field: "placed_on")
                _ = try await ProcessPlacements(tx, caller).place(id, versionID: version, on: day)
            }
            return .seeOther("/customers/\(id.lowercased)/process?done=placed")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) && error.field != nil {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, page: "/customers/\(id.lowercased)/process", notice: nil, place: form, complete: nil, error: error)
            }
            return PageResponse.render("prc-customer", model, status: Problem(domain: error).status)
        }
    }

    struct CompleteFields: Decodable, Sendable {
        var completed_on: String?
    }

    func complete(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let step = try ProcessPageText.id(context.parameters.get("step"), what: "step not found")
        let form = try await request.decodeForm(as: CompleteFields.self, context: context)
        do {
            try await store.tenant(context) { tx, caller in
                let day = try ProcessPageText.day(form.completed_on, field: "completed_on")
                _ = try await ProcessPlacements(tx, caller).complete(id, stepID: step, on: day)
            }
            return .seeOther("/customers/\(id.lowercased)/process?done=completed")
        } catch let error as DomainError where [.invalid, .missing, .conflict].contains(error.code) && error.field != nil {
            let model = try await store.tenant(context) { tx, caller in
                try await load(tx, caller, id: id, page: "/customers/\(id.lowercased)/process", notice: nil, place: nil, complete: form, error: error)
            }
            return PageResponse.render("prc-customer", model, status: Problem(domain: error).status)
        }
    }

    /// Who places a customer on a process: its editors and those who manage success where it lives.
    static func canPlace(_ identity: Identity, _ customer: Customer) -> Bool {
        CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: customer.scope).allowed
    }

    private func load(
        _ tx: TenantTransaction, _ caller: Caller, id: UUID, page: String, notice: String?, place: PlaceFields?, complete: CompleteFields?,
        error: DomainError?
    ) async throws -> Model {
        let reader = try await Reader.load(tx, caller)
        let t = reader.t, f = reader.format
        let identity = caller.identity
        let customer = try await Customers(tx, caller).get(id)
        let progress = try await ProcessPlacements(tx, caller).progress(id)
        let names = Dictionary(
            try await ProcessPageText.positions(tx, caller, naming: progress.version?.steps ?? []).map { ($0.id, $0.name) },
            uniquingKeysWith: { a, _ in a })
        let live = customer.archivedAt == nil
        let canPlace = live && Self.canPlace(identity, customer)
        let message = error.map { t.explain($0) }

        // The steps as this customer lives them.
        let spans = Dictionary((progress.spans).map { ($0.step.id, $0) }, uniquingKeysWith: { a, _ in a })
        let steps = (progress.version?.steps ?? []).enumerated().map { index, step -> StepRow in
            let span = spans[step.id]
            let state = span == nil ? "upcoming" : span?.completedOn == nil ? "current" : "done"
            return StepRow(
                number: String(index + 1), name: step.name, expected: t.format("prc_days", ["count": f.number(Double(step.expectedDays))]),
                state: t["prc_step_\(state)"], stateClass: state, started: span.map { f.date($0.startedOn) } ?? "–",
                completed: span?.completedOn.map { f.date($0) } ?? "–",
                days: span.map { t.format("prc_days", ["count": f.number(Double($0.days(today: progress.today)))]) } ?? "–", reached: span != nil)
        }
        var current: Current?
        var canComplete = false
        if let step = progress.currentStep {
            canComplete = live && canPlace
            if live, !canComplete {
                canComplete = try await ProcessPositionRepository.holdsAny(tx, member: identity.memberID, of: step.raci.responsible, on: progress.today)
            }
            current = Current(
                name: step.name, exit: step.exitCriterion, responsible: ProcessPageText.names(step.raci.responsible, names, t),
                accountable: ProcessPageText.names(step.raci.accountable, names, t),
                consulted: ProcessPageText.names(step.raci.consulted, names, t), informed: ProcessPageText.names(step.raci.informed, names, t),
                held: t.format("prc_held_of", [
                    "held": f.number(Double(progress.daysInStep ?? 0)), "expected": f.number(Double(step.expectedDays)),
                ]),
                stalled: progress.stalled, action: "/customers/\(id.lowercased)/process/steps/\(step.id.lowercased)/complete")
        }

        // Where the customer may be placed: every published version of a live process but the one it is on.
        var options: [FormOption] = []
        var adoptedHint: String?
        if canPlace {
            let adopted = (try? await ProcessAdoptions(tx, caller).view(customer.companyID))?.current
            let chosen = place?.version ?? ""
            if let adopted {
                let label = t.format("prc_version_option", [
                    "process": try await StandardProcessRepository.names(tx, ids: [adopted.processID])[adopted.processID] ?? t["prc_unknown_process"],
                    "version": ProcessPageText.version(adopted.versionNumber, t),
                ])
                adoptedHint = t.format("prc_company_adopted", ["version": label])
                if adopted.versionID != progress.current?.progress.versionID {
                    options.append(FormOption(value: "", label: t.format("prc_place_adopted", ["version": label]), selected: chosen.isEmpty))
                }
            }
            if options.isEmpty { options.append(FormOption(value: "", label: t["prc_choose_version"], selected: chosen.isEmpty)) }
            let processes = try await StandardProcesses(tx, caller).list(archived: false, after: nil, limit: 200).items
            for process in processes {
                for stored in try await ProcessVersions(tx, caller).list(process.id).reversed() where stored.version.isPublished {
                    guard stored.version.id != progress.current?.progress.versionID else { continue }
                    options.append(FormOption(
                        value: stored.version.id.lowercased,
                        label: t.format("prc_version_option", ["process": process.name, "version": ProcessPageText.version(stored.version.number, t)]),
                        selected: stored.version.id.lowercased == chosen))
                }
            }
        }
        let title = t.format("prc_customer_title", ["name": customer.name])
        let placement = progress.current
        return Model(
            chrome: reader.chrome(title: title, current: "/customers", page: page), t: t.strings,
            tabs: CustomerTabs.tabs(reader, customer: id, current: .process), id: id.lowercased, title: title, notice: notice.map { t[$0] },
            placed: placement != nil, processName: progress.processName,
            processHref: placement.map { "/processes/\($0.progress.processID.lowercased)" },
            versionLabel: progress.version.map { ProcessPageText.version($0.number, t) },
            placedOn: placement.map { f.date($0.progress.placedOn) },
            steps: steps, current: current, finished: progress.finished, canComplete: canComplete,
            completeDay: complete?.completed_on ?? progress.today.description, completeError: complete != nil ? message : nil,
            canPlace: canPlace && options.count > 1 || canPlace && placement == nil, placeOptions: options,
            placeDay: place?.placed_on ?? "", placeError: place != nil ? message : nil,
            placeDayError: place != nil && error?.field == "placed_on", adoptedHint: adoptedHint,
            past: progress.past.map { p in
                PastRow(
                    process: progress.processNames[p.progress.processID] ?? t["prc_unknown_process"],
                    version: progress.versionNumbers[p.progress.versionID].map { ProcessPageText.version($0, t) } ?? "–",
                    placed: f.date(p.progress.placedOn), ended: p.endedOn.map { f.date($0) } ?? "–",
                    done: f.number(Double(p.progress.completions.count)))
            },
            hasPast: !progress.past.isEmpty, archived: !live)
    }
}
