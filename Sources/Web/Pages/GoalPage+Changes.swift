import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// The goal page's forms that change the goal itself: edit, move, archive, copy into a later period. Each runs one
/// use case in one transaction and answers 303 to a page showing the result, or the goal page again with the
/// refusal beside its field.
extension GoalPage {
    struct EditFields: Decodable {
        var version: String?
        var title: String?
        var description: String?
        var ownerID: String?
        var metric: String?
        var unit: String?
        var baseline: String?
        var target: String?
        var direction: String?
        var dueDate: String?
        var weight: String?
        var status: String?
        var cadence: String?
        var boundMetric: String?

        enum CodingKeys: String, CodingKey {
            case version, title, description, metric, unit, baseline, target, direction, weight, status, cadence
            case ownerID = "owner_id", dueDate = "due_date", boundMetric = "bound_metric"
        }

        var typed: [String: String] {
            ["title": title ?? "", "description": description ?? "", "owner_id": ownerID ?? "", "metric": metric ?? "",
             "unit": unit ?? "", "baseline": baseline ?? "", "target": target ?? "", "direction": direction ?? "",
             "due_date": dueDate ?? "", "weight": weight ?? "", "status": status ?? "", "cadence": cadence ?? "",
             "bound_metric": boundMetric ?? ""]
        }

        /// The edit as the use case takes it: an emptied optional field clears it, a field left out stays.
        func changes() throws -> Goals.Changes {
            func number(_ text: String?, _ field: String) throws -> Double?? {
                guard let text else { return nil }
                let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
                if trimmed.isEmpty { return .some(nil) }
                guard let value = Double(trimmed), value.isFinite else { throw DomainError(.invalid, "form_number", field: field) }
                return .some(value)
            }
            func optionalText(_ text: String?) -> String?? { text.map { GoalPage.text($0) } }
            let due: LocalDate?? = try dueDate.map { text in
                if text.isEmpty { return nil }
                guard let day = LocalDate(iso: text) else { throw DomainError(.invalid, "form_date", field: "due_date") }
                return day
            }
            var owner: UUID?
            if let ownerID, !ownerID.isEmpty {
                guard let id = UUID(uuidString: ownerID) else { throw DomainError(.invalid, "form_choose", field: "owner_id") }
                owner = id
            }
            var weight: Double?
            if let text = self.weight, case .some(.some(let value)) = try number(text, "weight") { weight = value }
            // Left out (a KGI's or KSF's form has no such field) keeps it; emptied unbinds.
            let bound: BoundMetric?? = try boundMetric.map { text in
                if text.isEmpty { return nil }
                guard let metric = BoundMetric(rawValue: text) else { throw DomainError(.invalid, "form_choose", field: "bound_metric") }
                return metric
            }
            return Goals.Changes(
                title: title, description: optionalText(description), ownerID: owner, period: nil,
                metric: optionalText(metric), unit: optionalText(unit), baseline: try number(baseline, "baseline"),
                target: try number(target, "target"), direction: direction.flatMap(Goal.Direction.init(rawValue:)), dueDate: due,
                cadence: cadence.flatMap(Cadence.init(rawValue:)), weight: weight, status: status.flatMap(Goal.Status.init(rawValue:)),
                boundMetric: bound)
        }
    }

    func edit(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: EditFields.self, context: context)
        return try await respond(request, context, goal: id, done: "edited") { tx, caller in
            _ = try await Goals(tx, caller).update(id, try form.changes(), expectedVersion: form.version.flatMap { Int($0) })
        } refused: { error in
            .edit(values: form.typed, error: error)
        }
    }

    struct MoveFields: Decodable {
        var parent: String?
    }

    func move(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: MoveFields.self, context: context)
        return try await respond(request, context, goal: id, done: "moved") { tx, caller in
            var parent: UUID?
            if let text = form.parent, !text.isEmpty {
                guard let parentID = UUID(uuidString: text) else { throw DomainError(.invalid, "form_choose", field: "parent_id") }
                parent = parentID
            }
            _ = try await Goals(tx, caller).move(id, under: parent)
        } refused: { error in
            .move(error: error)
        }
    }

    func archive(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        return try await respond(request, context, goal: id, done: "archived") { tx, caller in
            _ = try await Goals(tx, caller).archive(id)
        } refused: { error in
            .archive(error: error)
        }
    }

    struct CopyFields: Decodable {
        var period: String?
    }

    func copy(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.id(request, context)
        let form = try await request.decodeForm(as: CopyFields.self, context: context)
        var copied: UUID?
        let response = try await respond(request, context, goal: id, done: "copied") { tx, caller in
            let goals = Goals(tx, caller)
            let period = form.period.flatMap { $0.isEmpty ? nil : $0 }
            copied = try await goals.copy(try await goals.checkCopy(id, into: period), parent: nil).root.id
        } refused: { error in
            .copy(error: error)
        }
        // The copy's own page: the next period's goal is what the reader works on now.
        if response.status == .seeOther, let copied { return .seeOther("/goals/\(copied.lowercased)?done=copied") }
        return response
    }
}
