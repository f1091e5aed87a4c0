import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/admin/jobs`: the org's background jobs for its operators, newest first — kind, state, attempts, when it runs,
/// its last error — filtered by state (queued, running, failed, done) and kind, with retry for a failed one and
/// cancel for one not yet finished, each a POST.
struct JobsPage: Sendable {
    let store: Store

    static let pageSize = 50

    /// The page's four states, each the queue's states it covers.
    static let filters: [(name: String, states: [Job.State])] = [
        ("queued", [.available, .retryable]), ("running", [.running]), ("failed", [.discarded, .cancelled]), ("done", [.completed]),
    ]

    struct Row: Sendable {
        let id: String
        let kind: String
        let state: String
        let stateClass: String
        let attempts: String
        let runAt: String
        let lastError: String?
        let canRetry: Bool
        let canCancel: Bool
    }

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let states: [FormOption]
        let kind: String
        let rows: [Row]
        let empty: Bool
        let older: String?
        let notice: String?
        let back: String
    }

    static let notices = ["retried": "ops_jb_notice_retried", "cancelled": "ops_jb_notice_cancelled"]

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try BackgroundJobs.requireManage(context.identity)
        let query = request.uri.queryParameters
        let stateName = query["state"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let filter = stateName.flatMap { name in Self.filters.first { $0.name == name } }
        guard stateName == nil || filter != nil else { throw DomainError(.invalid, "state is queued, running, failed or done", field: "state") }
        let kind = query["kind"].map(String.init).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let cursor = query["before"].flatMap { UUID(uuidString: String($0)) }
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t, f = reader.format
            let jobs = BackgroundJobs(tx, caller)
            // One state a query, as the use case filters: a filter of two states reads both and merges them.
            var items: [Job] = []
            var more = false
            for state in filter?.states.map(Optional.some) ?? [nil] {
                let page = try await jobs.list(state: state, kind: kind, before: cursor, limit: Self.pageSize)
                items += page.items
                more = more || page.nextCursor != nil
            }
            // Ids are time-ordered UUIDv7s: their text sorts as they were made.
            items.sort { $0.id.uuidString > $1.id.uuidString }
            more = more || items.count > Self.pageSize
            items = Array(items.prefix(Self.pageSize))
            let next = more ? items.last?.id : nil
            var older: String?
            if let next {
                older = "/admin/jobs?before=\(next.lowercased)" + (stateName.map { "&state=\($0)" } ?? "")
                    + (kind.map { "&kind=" + AuditLogPage.escape($0) } ?? "")
            }
            return Model(
                chrome: reader.chrome(title: t["ops_jb_title"], current: "/admin", page: request.uri.description), t: t.strings,
                states: [FormOption(value: "", label: t["ops_jb_any_state"], selected: filter == nil)]
                    + Self.filters.map { FormOption(value: $0.name, label: t["ops_jb_state_\($0.name)"], selected: $0.name == stateName) },
                kind: kind ?? "",
                rows: items.map { job in
                    let group = Self.filters.first { $0.states.contains(job.state) }?.name ?? "queued"
                    return Row(
                        id: job.id.lowercased, kind: job.kind, state: t["ops_jb_state_\(group)"], stateClass: group,
                        attempts: t.format("ops_jb_attempts_of", ["n": f.number(Double(job.attempt)), "max": f.number(Double(job.maxAttempts))]),
                        runAt: f.dateTime(job.finishedAt ?? job.runAt), lastError: job.errors.last?.error,
                        canRetry: [.discarded, .cancelled, .retryable].contains(job.state),
                        canCancel: !job.state.isFinal)
                },
                empty: items.isEmpty, older: older, notice: query["done"].flatMap { Self.notices[String($0)] }.map { t[$0] },
                back: SignInTarget.safe(request.uri.description))
        }
        return PageResponse.render("ops-jobs", model)
    }

    struct Fields: Decodable { var back: String? }

    func retry(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await change(request, context, done: "retried") { jobs, id in _ = try await jobs.retry(id) }
    }

    func cancel(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        try await change(request, context, done: "cancelled") { jobs, id in _ = try await jobs.cancel(id) }
    }

    private func change(
        _ request: Request, _ context: AuthenticatedContext, done: String, _ body: @Sendable (BackgroundJobs, UUID) async throws -> Void
    ) async throws -> Response {
        // Refused before the id is read, as the API does.
        try BackgroundJobs.requireManage(context.identity)
        let id = try OperationsPages.id(context, what: "job")
        let form = try await request.decodeForm(as: Fields.self, context: context)
        try await store.tenant(context) { tx, caller in try await body(BackgroundJobs(tx, caller), id) }
        var back = SignInTarget.safe(form.back ?? "/admin/jobs")
        if !back.hasPrefix("/admin/jobs") { back = "/admin/jobs" }
        return .seeOther(back + (back.contains("?") ? "&" : "?") + "done=" + done)
    }
}
