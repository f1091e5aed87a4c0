import Domain
import Foundation
import Hummingbird
import Scheduler
import Store
import UseCases

/// `/v1/org`: the caller's organisation and its settings (time zone, fiscal-year start, language). Owners change
/// them.
struct OrgController: RouteCollection {
    let store: Store

    struct UpdateInput: RequestBody {
        var name: String?
        var timeZone: String?
        var fiscalYearStartMonth: Int?
        var locale: String?

        static let schema = Schema.object(
            ["name": Schema.string, "time_zone": Schema.string, "fiscal_year_start_month": Schema.integer,
             "locale": Schema.enumeration(Organization.Locale.self)])
    }

    static let schema = Schema.of(Organization.self)

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/org", id: "getOrg", summary: "The caller's organisation", tag: "directory",
                  responses: [200: ("Organisation", Self.schema)], handler: get),
            Route(.patch, "/v1/org", id: "updateOrg", summary: "Change the organisation's settings (owners; If-Match honoured)",
                  tag: "directory", scope: .admin, body: UpdateInput.self, responses: [200: ("Organisation", Self.schema)],
                  problems: [412], handler: update),
        ]
    }

    @Sendable func get(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        return try await store.answer(context) { tx, caller in try await Organizations(tx, caller).current() }
    }

    /// Not a use case yet: a new time zone reschedules the org's check-ins, which is the Scheduler's, and UseCases
    /// sits below it.
    @Sendable func update(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let input = try await request.decodeJSON(as: UpdateInput.self, context: context)
        let expected = try ETag.expectedVersion(request)
        try context.identity.require(.manageOrg, in: .org)
        return try await store.answer(context) { tx, caller in
            guard let before = try await OrganizationRepository.current(tx) else { throw Problem.notFound("organisation") }
            var org = before
            if let name = input.name { org.name = try TenancyRules.name(name, field: "name") }
            if let zone = input.timeZone { org.timeZone = try TenancyRules.timeZone(zone) }
            if let month = input.fiscalYearStartMonth { org.fiscalYearStartMonth = try TenancyRules.fiscalYearStartMonth(month) }
            if let raw = input.locale { org.locale = try TenancyRules.locale(raw) }
            // Goals store their periods in the fiscal calendar they were set in; moving the year's start under
            // them would silently shift every FY2026-H2 by months.
            if org.fiscalYearStartMonth != before.fiscalYearStartMonth,
                try await GoalRepository.list(tx, filter: .init(includeArchived: true), visibleTo: nil, after: nil, limit: 1).items.count > 0
            {
                throw DomainError(
                    .conflict, "the organisation has goals set in its current fiscal calendar; the fiscal year's start cannot move under them",
                    field: "fiscal_year_start_month")
            }
            guard let after = try await OrganizationRepository.update(tx, org, expectedVersion: expected) else { throw ETag.stale }
            if after.timeZone != before.timeZone { try await CheckInCadence.reschedule(tx) }
            try await Audit.record(tx, caller, action: "org.update", resource: "org", id: org.id, before: before, after: after)
            return after
        }
    }
}
