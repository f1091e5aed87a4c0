import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// The process owners' reports (seed 000) over the customers the caller may read: adoption per company, step lead
/// times, stalls, and health-grade distribution by process and version. Company-level on purpose: nothing here
/// ranks people by whether they follow the process.
struct ProcessReportController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        let tag = "Processes"
        let processID = ["name": "process_id", "in": "query", "required": true, "schema": Schema.uuid, "description": "the process"] as JSONValue
        return [
            Route(.get, "/v1/reports/process-adoption", id: "getProcessAdoptionReport",
                  summary: "Per company: customers, those on the org's standard process, the share, and the version the company runs", tag: tag,
                  responses: [200: ("Adoption", ProcessAdoptionReportDTO.schema)], handler: adoption),
            Route(.get, "/v1/reports/process-lead-times", id: "getProcessLeadTimesReport",
                  summary: "Per step of a version: completions, median, 75th and 90th percentile days against the expected days", tag: tag,
                  parameters: [processID, Schema.query("version", ["type": "integer", "minimum": 1, "maximum": 10000], "version number (default the latest published)")],
                  responses: [200: ("Lead times", ProcessLeadTimesDTO.schema)], problems: [404, 422], handler: leadTimes),
            Route(.get, "/v1/reports/process-stalls", id: "getProcessStallsReport",
                  summary: "Customers held on their step longer than 1.5× its expected days, and counts per step", tag: tag,
                  parameters: [processID], responses: [200: ("Stalls", ProcessStallsDTO.schema)], problems: [404, 422], handler: stalls),
            Route(.get, "/v1/reports/health-by-process", id: "getHealthByProcessReport",
                  summary: "Latest health-grade distribution (A–D, unscored) and A/B share per process and version, and for customers on none",
                  tag: tag, responses: [200: ("Distribution", HealthByProcessDTO.schema)], handler: healthByProcess),
        ]
    }

    static func processID(_ request: Request) throws -> UUID {
        guard let id = try request.uuidQuery("process_id") else {
            throw Problem.invalidField("process_id", "process_id is required")
        }
        return id
    }

    @Sendable func adoption(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let report = try await store.tenant(context) { tx, caller in try await ProcessReports(tx, caller).adoption() }
        return try JSONResponse.make(ProcessAdoptionReportDTO(report))
    }

    @Sendable func leadTimes(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.processID(request)
        var number: Int?
        if let raw = request.uri.queryParameters["version"] {
            guard let value = Int(String(raw)), (1...10000).contains(value) else { throw Problem.invalidField("version", "version is a version number") }
            number = value
        }
        let found = try await store.tenant(context) { tx, caller in try await ProcessReports(tx, caller).leadTimes(id, number: number) }
        return try JSONResponse.make(ProcessLeadTimesDTO(
            processId: found.process.id, versionNumber: found.version.number,
            items: found.rows.map {
                .init(stepId: $0.step.id, name: $0.step.name, expectedDays: $0.step.expectedDays, completed: $0.completed, medianDays: $0.median,
                      p75Days: $0.p75, p90Days: $0.p90)
            }))
    }

    @Sendable func stalls(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try Self.processID(request)
        let found = try await store.tenant(context) { tx, caller in try await ProcessReports(tx, caller).stalls(id) }
        return try JSONResponse.make(ProcessStallsDTO(found))
    }

    @Sendable func healthByProcess(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let found = try await store.tenant(context) { tx, caller in try await ProcessReports(tx, caller).healthByProcess() }
        return try JSONResponse.make(HealthByProcessDTO(rows: found.rows, names: found.processNames))
    }
}
