public import Domain
public import Foundation
public import Store

/// A company's adoption of a published process version, from a day on: decided by whoever manages success in that
/// company (seed 000: the companies' own managers carry the change), read by everyone who reads the company.
public struct ProcessAdoptions: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a company runs today, what it will run (an adoption dated ahead), and every adoption it made.
    public struct View: Sendable {
        public var companyID: UUID
        public var today: LocalDate
        public var current: ProcessAdoption?
        public var upcoming: ProcessAdoption?
        public var history: [ProcessAdoption]
        public var processNames: [UUID: String]
    }

    /// An adoption is dated at most this far ahead: a roll-out is planned for the next fiscal year at the latest.
    static let maxDaysAhead = 366

    public func view(_ companyID: UUID) async throws -> View {
        let company = try await company(companyID)
        guard identity.authorizer.canSomewhere(identity.actor, .readGoals, within: .company(company.id))
            || identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .company(company.id))
        else { throw DomainError(.notFound, "company not found") }
        return try await view(of: company.id)
    }

    /// The company adopts `versionID` from `day` (default today).
    public func adopt(_ companyID: UUID, versionID: UUID, on day: LocalDate?) async throws -> View {
        let company = try await company(companyID)
        try identity.require(.manageSuccess, in: .company(company.id))
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let day = day ?? today
        guard today.days(to: day) <= Self.maxDaysAhead else {
            throw DomainError(.invalid, "a company adopts a process at most a year ahead", field: "adopted_on")
        }
        guard let stored = try await ProcessVersionRepository.get(tx, id: versionID),
              let process = try await StandardProcessRepository.get(tx, id: stored.version.processID)
        else { throw DomainError(.invalid, "no such process version in this organisation", field: "version_id") }
        guard process.archivedAt == nil else { throw DomainError(.conflict, "the process is archived", field: "version_id") }
        let history = try await ProcessAdoptionRepository.history(tx, company: company.id)
        let adoption = try ProcessAdoption.adopting(
            stored.version, companyID: company.id, on: day, by: identity.memberID, id: .v7(), history: history)
        try await ProcessAdoptionRepository.insert(tx, adoption)
        try await WebhookRepository.emit(
            tx,
            WebhookEvent(
                id: .v7(), type: "process.adopted", occurredAt: caller.now,
                data: try ProcessEvents.data([
                    "company_id": company.id.uuidString.lowercased(), "process_id": process.id.uuidString.lowercased(),
                    "version": String(stored.version.number), "adopted_on": day.description,
                ]),
                textJa: "\(company.name) が標準プロセス「\(process.name)」のバージョン \(stored.version.number) を \(day) から採用しました",
                textEn: "\(company.name) adopted version \(stored.version.number) of the standard process “\(process.name)” from \(day)"))
        try await Audit.record(tx, caller, action: "process.adopt", resource: "process_adoption", id: adoption.id, after: adoption)
        return try await view(of: company.id)
    }

    private func view(of companyID: UUID) async throws -> View {
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: nil).today
        let history = try await ProcessAdoptionRepository.history(tx, company: companyID)
        let current = ProcessAdoption.current(companyID: companyID, on: today, among: history)
        let upcoming = history.last.flatMap { $0.adoptedOn > today ? $0 : nil }
        let names = try await StandardProcessRepository.names(tx, ids: Array(Set(history.map(\.processID))))
        return View(companyID: companyID, today: today, current: current, upcoming: upcoming, history: history.reversed(), processNames: names)
    }

    private func company(_ id: UUID) async throws -> Company {
        guard let company = try await CompanyRepository.get(tx, id: id) else { throw DomainError(.notFound, "company not found") }
        return company
    }
}
