import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/health`: "why this grade?" in full — every signal, the model's thresholds, what changed since
/// last month, and the grade month by month for two years.
struct CustomerHealthPage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let name: String
        let title: String
        let health: CustomerHealthText
        let canScore: Bool
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let scores = HealthScores(tx, caller)
            let explanation = try await scores.explain(id)
            let c = explanation.customer
            let identity = caller.identity
            let title = t.format("cust_health_title", ["name": c.name])
            return Model(
                chrome: reader.chrome(title: title, current: "/customers", page: request.uri.description), t: t.strings,
                tabs: CustomerTabs.tabs(reader, customer: id, current: .health), id: id.uuidString.lowercased(), name: c.name, title: title,
                health: CustomerHealthText(explanation, history: try await scores.history(id, months: 24), t: t, f: reader.format),
                canScore: c.archivedAt == nil
                    && (CustomerAccessRules.canEdit(identity.actor, identity.authorizer, c)
                        || identity.authorizer.can(identity.actor, .manageHealthModels, in: c.scope).allowed))
        }
        return PageResponse.render("customer-health", model)
    }
}
