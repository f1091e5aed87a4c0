public import Domain
public import Foundation
public import Store

/// The process owners' reports (seed 000), over the customers the reader may read: adoption per company, step lead
/// times, where customers stall, and health-grade distribution by process and version. They describe companies and
/// the process itself — none of them ranks people by whether they follow it.
public struct ProcessReports: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct Adoption: Sendable {
        public var standard: StandardProcess?
        public var rows: [ProcessAdoptionReport.Row]
        public var companyNames: [UUID: String]
        /// What each company runs today.
        public var adopted: [UUID: ProcessAdoption]
        public var processNames: [UUID: String]
    }

    public func adoption() async throws -> Adoption {
        let standard = try await StandardProcessRepository.orgStandard(tx)
        let customers = try await ProcessReportRepository.customers(tx, visibleTo: identity.reach(.readCustomers))
        let companies = try await CompanyRepository.list(tx, after: nil, limit: 1000).items.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let rows = ProcessAdoptionReport.rows(customers, standardProcessID: standard?.id, companyOrder: companies.map(\.id))
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let shown = Set(rows.map(\.companyID))
        let adopted = try await ProcessAdoptionRepository.current(tx, on: today).filter { shown.contains($0.key) }
        let names = try await StandardProcessRepository.names(tx, ids: Array(Set(adopted.values.map(\.processID))))
        return Adoption(
            standard: standard, rows: rows, companyNames: Dictionary(companies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
            adopted: adopted, processNames: names)
    }

    public struct LeadTime: Sendable {
        public var step: ProcessStep
        public var completed: Int
        public var median: Double?
        public var p75: Double?
        public var p90: Double?
    }

    /// Per step of the version (default: the latest published), over every placement on it, current or past.
    public func leadTimes(_ processID: UUID, number: Int?) async throws -> (process: StandardProcess, version: ProcessVersion, rows: [LeadTime]) {
        let process = try await StandardProcesses(tx, caller).get(processID)
        let version = try await publishedVersion(process.id, number: number)
        let progresses = try await ProcessPlacementRepository.progresses(tx, version: version.id, visibleTo: identity.reach(.readCustomers))
        var days: [UUID: [Double]] = [:]
        for progress in progresses {
            for span in progress.spans(in: version) where span.completedOn != nil {
                days[span.step.id, default: []].append(Double(span.days(today: span.startedOn)))
            }
        }
        let rows = StepLeadTimes.rows(progresses, version: version).enumerated().map { index, row in
            LeadTime(
                step: version.steps[index], completed: row.completed, median: row.median, p75: row.p75,
                p90: TicketMetrics.percentile(0.9, of: days[row.stepID] ?? []))
        }
        return (process, version, rows)
    }

    public struct Stalls: Sendable {
        public var process: StandardProcess
        public var today: LocalDate
        public var stalls: [ProcessStalls.Stall]
        /// Stalled customers per (version number, step), every step of every version customers are on.
        public var byStep: [(versionNumber: Int, step: ProcessStep, stalled: Int, current: Int)]
        public var customerNames: [UUID: String]
        public var versionNumbers: [UUID: Int]
        public var customerVersions: [UUID: UUID]
    }

    /// The customers on the process now held on their step longer than 1.5× its expected days.
    public func stalls(_ processID: UUID) async throws -> Stalls {
        let process = try await StandardProcesses(tx, caller).get(processID)
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let current = try await ProcessPlacementRepository.currentOn(tx, process: process.id, visibleTo: identity.reach(.readCustomers))
        let versions = try await ProcessVersionRepository.get(tx, ids: Array(Set(current.map(\.progress.versionID))))
        var stalls: [ProcessStalls.Stall] = []
        var byStep: [(versionNumber: Int, step: ProcessStep, stalled: Int, current: Int)] = []
        var customerVersions: [UUID: UUID] = [:]
        for version in versions.values.sorted(by: { $0.number < $1.number }) {
            let progresses = current.map(\.progress).filter { $0.versionID == version.id }
            let found = ProcessStalls.stalls(progresses, version: version, today: today)
            let counts = ProcessStalls.countsByStep(found)
            stalls += found.map { stall in
                customerVersions[stall.customerID] = version.id
                return stall
            }
            for step in version.steps {
                let onIt = progresses.filter { $0.currentStep(in: version)?.id == step.id }.count
                byStep.append((version.number, step, counts[step.id] ?? 0, onIt))
            }
        }
        stalls.sort { ($1.heldDays, $0.customerID.uuidString) < ($0.heldDays, $1.customerID.uuidString) }
        return Stalls(
            process: process, today: today, stalls: stalls, byStep: byStep,
            customerNames: Dictionary(current.map { ($0.progress.customerID, $0.customerName) }, uniquingKeysWith: { a, _ in a }),
            versionNumbers: versions.mapValues(\.number), customerVersions: customerVersions)
    }

    /// The latest grade of each customer, grouped by the process version it is on now, "no process" last.
    public func healthByProcess() async throws -> (rows: [HealthByProcess.Row], processNames: [UUID: String]) {
        let customers = try await ProcessReportRepository.grades(tx, visibleTo: identity.reach(.readCustomers))
        let rows = HealthByProcess.rows(customers)
        let names = try await StandardProcessRepository.names(tx, ids: rows.compactMap(\.processID))
        return (rows, names)
    }

    private func publishedVersion(_ processID: UUID, number: Int?) async throws -> ProcessVersion {
        if let number {
            guard let stored = try await ProcessVersionRepository.get(tx, process: processID, number: number) else {
                throw DomainError(.notFound, "process version not found")
            }
            return stored.version
        }
        guard let latest = try await ProcessVersionRepository.latest(tx, process: processID, publishedOnly: true) else {
            throw DomainError(.notFound, "the process has no published version yet")
        }
        return latest.version
    }
}
