import API
import Domain
import Foundation
import Hummingbird
import Scheduler
import Settings
import Store

extension WebPages {
    /// The operations pages (webhooks, schedules, closure days, goal settings, notification cap, mail relay, audit log, jobs), behind the session.
    static func registerOperations(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
        let store = services.store
        let webhooks = WebhooksPage(store: store, egress: services.configuration.egress, secrets: services.secrets)
        pages.get("/admin/webhooks") { request, context in try await webhooks.list(request, context) }
        pages.post("/admin/webhooks") { request, context in try await webhooks.create(request, context) }
        let webhook = WebhookPage(store: store, secrets: services.secrets)
        pages.get("/admin/webhooks/:id") { request, context in try await webhook.show(request, context) }
        pages.post("/admin/webhooks/:id/edit") { request, context in try await webhook.edit(request, context) }
        pages.post("/admin/webhooks/:id/active") { request, context in try await webhook.setActive(request, context) }
        pages.post("/admin/webhooks/:id/delete") { request, context in try await webhook.delete(request, context) }
        pages.post("/admin/webhooks/:id/test") { request, context in try await webhook.test(request, context) }
        let closures = ClosuresPage(store: store)
        pages.get("/admin/closures") { request, context in try await closures.show(request, context) }
        pages.post("/admin/closures") { request, context in try await closures.add(request, context) }
        pages.post("/admin/closures/remove") { request, context in try await closures.remove(request, context) }
        pages.post("/admin/closures/new-year") { request, context in try await closures.addNewYear(request, context) }
        let audit = AuditLogPage(store: store)
        pages.get("/admin/audit") { request, context in try await audit.show(request, context) }
        let jobs = JobsPage(store: store)
        pages.get("/admin/jobs") { request, context in try await jobs.show(request, context) }
        pages.post("/admin/jobs/:id/retry") { request, context in try await jobs.retry(request, context) }
        pages.post("/admin/jobs/:id/cancel") { request, context in try await jobs.cancel(request, context) }
        let schedules = SchedulesPage(store: store)
        pages.get("/admin/schedules") { request, context in try await schedules.show(request, context) }
        pages.post("/admin/schedules/:id/active") { request, context in try await schedules.setActive(request, context) }
        pages.post("/admin/schedules/:id/timing") { request, context in try await schedules.retime(request, context) }
        let relay = MailRelayPage(store: store, egress: services.configuration.egress, secrets: services.secrets)
        pages.get("/admin/mail-relay") { request, context in try await relay.show(request, context) }
        pages.post("/admin/mail-relay") { request, context in try await relay.save(request, context) }
        pages.post("/admin/mail-relay/delete") { request, context in try await relay.remove(request, context) }
        pages.post("/admin/mail-relay/test") { request, context in try await relay.test(request, context) }
        let goalSettings = GoalSettingsPage(store: store)
        pages.get("/admin/goal-settings") { request, context in try await goalSettings.show(request, context) }
        pages.post("/admin/goal-settings") { request, context in try await goalSettings.save(request, context) }
        let cap = NotificationCapPage(store: store)
        pages.get("/admin/notifications") { request, context in try await cap.show(request, context) }
        pages.post("/admin/notifications") { request, context in try await cap.save(request, context) }
    }
}

/// What the operations pages share: reading an id from the path, a refusal worded for the field it names.
enum OperationsPages {
    /// The id in the path; one that is not an id is as absent as another org's (the 404 page).
    static func id(_ context: AuthenticatedContext, what: String) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else {
            throw DomainError(.notFound, "\(what) not found")
        }
        return id
    }

    /// A refused form's field and its message in the reader's language: the catalogue's `ops_err_<field>` when it
    /// has one, an egress refusal in the reader's words, else the use case's own.
    static func refusal(_ error: any Error, _ t: Catalogue) -> (field: String, message: String)? {
        if let egress = error as? RefusedEgress { return (egress.field, egress.message(t)) }
        if let problem = error as? Problem, problem.status == .unprocessableContent || problem.status == .conflict {
            let field = problem.fields.first?.field ?? ""
            return (field, t.strings["ops_err_\(field)"] ?? problem.fields.first?.message ?? problem.detail)
        }
        if let domain = error as? DomainError, [.invalid, .missing, .conflict].contains(domain.code) {
            let field = domain.field ?? ""
            return (field, t.strings["ops_err_\(field)"] ?? t.explain(domain))
        }
        return nil
    }

    /// A date field's type: `date`, or `text` when it gives back what was typed and that is not a date (a date
    /// input may not hold it, and the input is kept so it can be corrected).
    static func dateInputType(_ typed: String?) -> String {
        guard let typed, !typed.isEmpty, LocalDate(iso: typed) == nil else { return "date" }
        return "text"
    }

    /// Trimmed text, `nil` when empty.
    static func text(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

/// The egress policy refused a host a tenant typed (a webhook's URL, a relay's host): the API's check, worded for
/// the reader instead of for an operator (no setting names, the address it resolved to).
struct RefusedEgress: Error {
    let field: String
    let refused: EgressRefused

    func message(_ t: Catalogue) -> String {
        let reason = refused.reason
        switch refused.code {
        case .unresolvable: return t.format("ops_err_egress_unresolvable", ["host": refused.host])
        case .forbiddenAddress:
            if reason.hasPrefix("https is required") || reason.hasPrefix("the scheme must be") { return t["ops_err_egress_https"] }
            if reason.hasPrefix("credentials") { return t["ops_err_egress_credentials"] }
            if reason.hasPrefix("not an absolute") { return t["ops_err_url"] }
            let address = reason.components(separatedBy: " is ").first ?? refused.host
            return t.format("ops_err_egress_private", ["host": refused.host, "address": address])
        }
    }
}
