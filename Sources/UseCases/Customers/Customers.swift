public import Domain
public import Foundation
public import Store

/// Customers themselves: create, read, edit, list, move through the lifecycle, hand to another owner, archive and
/// restore, merge two records of one customer. Each use case checks the caller's right where the customer lives
/// (``CustomerAccessRules``), writes, records the history and audits — in the caller's transaction. A customer the
/// caller may not read is "not found", never "forbidden", which would confirm it exists.
public struct Customers: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a creator gives.
    public struct New: Sendable {
        public var externalID: String?
        public var name: String
        public var nameEn: String?
        public var nameKana: String?
        public var companyID: UUID
        public var teamID: UUID?
        public var ownerID: UUID?
        public var salesOwnerID: UUID?
        public var segment: String?
        public var phase: LifecyclePhase?
        public var phaseSince: LocalDate?
        public var riskReasons: [LifecycleRisk]
        public var churnReason: String?
        public var custom: [String: CustomFieldValue?]
        public var tags: [String]

        public init(
            externalID: String?, name: String, nameEn: String?, nameKana: String?, companyID: UUID, teamID: UUID?,
            ownerID: UUID?, salesOwnerID: UUID?, segment: String?, phase: LifecyclePhase?, phaseSince: LocalDate?,
            riskReasons: [LifecycleRisk], churnReason: String?, custom: [String: CustomFieldValue?], tags: [String]
        ) {
            (self.externalID, self.name, self.nameEn, self.nameKana) = (externalID, name, nameEn, nameKana)
            (self.companyID, self.teamID, self.ownerID, self.salesOwnerID) = (companyID, teamID, ownerID, salesOwnerID)
            (self.segment, self.phase, self.phaseSince, self.riskReasons) = (segment, phase, phaseSince, riskReasons)
            (self.churnReason, self.custom, self.tags) = (churnReason, custom, tags)
        }
    }

    /// What an edit changes: `nil` leaves a field, `.some(nil)` clears a nullable one. `custom` is merged into the
    /// customer's values (a `nil` value removes that key).
    public struct Changes: Sendable {
        public var externalID: String??
        public var name: String?
        public var nameEn: String??
        public var nameKana: String??
        public var companyID: UUID?
        public var teamID: UUID??
        public var ownerID: UUID??
        public var salesOwnerID: UUID??
        public var segment: String??
        public var riskReasons: [LifecycleRisk]?
        public var custom: [String: CustomFieldValue?]?
        public var tags: [String]?

        public init(
            externalID: String?? = nil, name: String? = nil, nameEn: String?? = nil, nameKana: String?? = nil,
            companyID: UUID? = nil, teamID: UUID?? = nil, ownerID: UUID?? = nil, salesOwnerID: UUID?? = nil,
            segment: String?? = nil, riskReasons: [LifecycleRisk]? = nil, custom: [String: CustomFieldValue?]? = nil,
            tags: [String]? = nil
        ) {
            (self.externalID, self.name, self.nameEn, self.nameKana) = (externalID, name, nameEn, nameKana)
            (self.companyID, self.teamID, self.ownerID, self.salesOwnerID) = (companyID, teamID, ownerID, salesOwnerID)
            (self.segment, self.riskReasons, self.custom, self.tags) = (segment, riskReasons, custom, tags)
        }
    }

    /// A new customer that passed ``check(_:)``: creating is two steps so that an `Idempotency-Key` replay can be
    /// answered between the checks and the write.
    public struct Checked: Sendable {
        let customer: Customer
    }

    /// A customer with the names of the members it names, for answers.
    public struct Detail: Sendable {
        public var customer: Customer
        public var names: [UUID: String]
    }

    /// What a merge did.
    public struct MergeResult: Sendable {
        public var survivor: Customer
        public var duplicate: Customer
        public var moved: CustomerMerge.Moved
        public var conflictingRevenueMonths: [YearMonth]
        public var conflictingUsageRows: Int
    }

    // MARK: Reading

    /// The customer, if the caller may read it.
    public func get(_ id: UUID, lock: Bool = false) async throws -> Customer {
        try await Self.readable(tx, identity, id, lock: lock)
    }

    /// The customer, if `identity` may read it; else 404 (never 403, which would confirm it exists). Every customer
    /// part's gate to a customer named in a request.
    static func readable(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID, lock: Bool = false) async throws -> Customer {
        guard let customer = try await CustomerRepository.get(tx, id: id, lock: lock),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw DomainError(.notFound, "customer not found") }
        return customer
    }

    /// Refuses (403) unless `identity` may edit the customer, naming the permission it lacks.
    static func requireEdit(_ identity: Identity, _ customer: Customer) throws {
        guard CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer) else {
            throw DomainError(
                .forbidden, "you may not edit this customer",
                permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
        }
    }

    public func detail(_ id: UUID) async throws -> Detail {
        try await withNames(try await get(id))
    }

    public func withNames(_ customer: Customer) async throws -> Detail {
        let names = try await CustomerRepository.memberNames(tx, [customer.ownerID, customer.salesOwnerID].compactMap { $0 })
        return Detail(customer: customer, names: names)
    }

    /// The list: what the caller may read, filtered and ordered by `query`.
    public func list(_ query: CustomerListQuery, after cursor: UUID?, limit: Int) async throws -> Page<CustomerRepository.Listed> {
        let today = query.renewalWithinDays == nil ? LocalDate(daysSinceEpoch: 0) : try await facts().today
        return try await CustomerRepository.list(
            tx, query: query, me: identity.memberID, visibleTo: identity.reach(.readCustomers), today: today,
            after: cursor, limit: limit)
    }

    /// The owner and phase histories, latest first.
    public func history(_ id: UUID) async throws
        -> (owners: [CustomerHistoryRepository.OwnerPeriod], phases: [CustomerHistoryRepository.PhasePeriod])
    {
        let customer = try await get(id)
        return (
            try await CustomerHistoryRepository.owners(tx, customer: customer.id),
            try await CustomerHistoryRepository.phases(tx, customer: customer.id)
        )
    }

    /// The tags in use among the customers the caller reads, with counts.
    public func tags() async throws -> [(tag: String, count: Int)] {
        try await CustomerRepository.tags(tx, visibleTo: identity.reach(.readCustomers), limit: 1000)
    }

    // MARK: Creating

    public func check(_ new: New) async throws -> Checked {
        let facts = try await facts()
        let (companyID, teamID) = try await placement(company: new.companyID, team: new.teamID)
        let scope = teamID.map(Scope.team) ?? .company(companyID)
        var ownerID = new.ownerID
        if !can(.manageCustomers, in: scope) {
            // A CSM creates the customers they will own, in their own scope.
            try identity.require(.writeOwnCustomers, in: scope)
            if ownerID == nil { ownerID = identity.memberID }
            guard ownerID == identity.memberID else {
                throw DomainError(
                    .forbidden, "only a manager creates a customer for someone else", permission: Permission.manageCustomers.rawValue)
            }
            // The sales owner reads the customer wherever they sit in the org: granting that is a manager's act.
            guard new.salesOwnerID == nil else {
                throw DomainError(
                    .forbidden, "only a manager names a customer's sales owner", permission: Permission.manageCustomers.rawValue)
            }
        }
        if let ownerID { try await GoalAccess.requireActiveMember(tx, ownerID, field: "owner_id") }
        if let sales = new.salesOwnerID { try await GoalAccess.requireActiveMember(tx, sales, field: "sales_owner_id") }
        let phase = new.phase ?? .onboarding
        let since = new.phaseSince ?? facts.today
        guard since <= facts.today else { throw DomainError(.invalid, "the phase cannot start in the future", field: "phase_since") }
        let risks = try Self.risks(new.riskReasons, for: phase)
        let churnReason = try Self.churnReason(new.churnReason, for: phase)
        let fields = try await CustomerFieldRepository.all(tx)
        let now = caller.now
        let customer = Customer(
            id: .v7(), externalID: try Self.optionalText(new.externalID, max: 200, field: "external_id"), name: try Self.name(new.name),
            nameEn: try Self.optionalText(new.nameEn, max: 200, field: "name_en"),
            nameKana: try Self.reading(new.nameKana), companyID: companyID, teamID: teamID, ownerID: ownerID,
            salesOwnerID: new.salesOwnerID, segment: try Self.optionalText(new.segment, max: 100, field: "segment"),
            phase: phase, phaseSince: since, riskReasons: risks, churnReason: churnReason,
            custom: try CustomerField.apply(new.custom, to: [:], fields: fields), tags: try CustomerTags.normalise(new.tags),
            createdAt: now, updatedAt: now)
        return Checked(customer: customer)
    }

    /// Writes it. The external id's uniqueness is checked here, after an `Idempotency-Key` replay had its chance to
    /// answer (the replayed create's own id is taken by then).
    public func create(_ checked: Checked) async throws -> Customer {
        _ = try await externalID(checked.customer.externalID, except: nil)
        let created = try await CustomerRepository.insert(tx, checked.customer, by: identity.memberID)
        try await Audit.record(tx, caller, action: "customer.create", resource: "customer", id: created.id, after: created)
        return created
    }

    // MARK: Changing

    /// Edits the fields; a new owner is recorded in the owner history and on the timeline. Moving the customer to
    /// another company or team, or to another owner, is a manager's: `customers.manage` where it is and where it goes.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Customer {
        let current = try await editable(id, expectedVersion: expectedVersion)
        var next = current
        if let name = changes.name { next.name = try Self.name(name) }
        if let nameEn = changes.nameEn { next.nameEn = try Self.optionalText(nameEn, max: 200, field: "name_en") }
        if let kana = changes.nameKana { next.nameKana = try Self.reading(kana) }
        if let segment = changes.segment { next.segment = try Self.optionalText(segment, max: 100, field: "segment") }
        if let external = changes.externalID { next.externalID = try await externalID(external, except: id) }
        if changes.companyID != nil || changes.teamID != nil {
            let company = changes.companyID ?? current.companyID
            // A new company without a team named leaves the old team behind (it belongs to the old company).
            let team: UUID? = changes.teamID ?? (company == current.companyID ? current.teamID : nil)
            (next.companyID, next.teamID) = try await placement(company: company, team: team)
        }
        if let owner = changes.ownerID {
            if let owner { try await GoalAccess.requireActiveMember(tx, owner, field: "owner_id") }
            next.ownerID = owner
        }
        if let sales = changes.salesOwnerID {
            if let sales, sales != current.salesOwnerID { try await GoalAccess.requireActiveMember(tx, sales, field: "sales_owner_id") }
            next.salesOwnerID = sales
        }
        if let risks = changes.riskReasons { next.riskReasons = try Self.risks(risks, for: current.phase) }
        if let custom = changes.custom {
            next.custom = try CustomerField.apply(custom, to: current.custom, fields: try await CustomerFieldRepository.all(tx))
        }
        if let tags = changes.tags { next.tags = try CustomerTags.normalise(tags) }

        let moved = next.companyID != current.companyID || next.teamID != current.teamID
        let reowned = next.ownerID != current.ownerID
        // A new sales owner gains read access to the customer from outside its scope, so it is a manager's change too.
        if moved || reowned || next.salesOwnerID != current.salesOwnerID {
            try identity.require(.manageCustomers, in: current.scope)
            try identity.require(.manageCustomers, in: next.scope)
        }
        guard next != current else { return current }
        let saved = try await CustomerRepository.update(tx, next)
        if reowned {
            let facts = try await facts()
            try await CustomerHistoryRepository.changeOwners(
                tx, customers: [id], to: next.ownerID, on: facts.today, by: identity.memberID, transfer: nil)
            let names = try await CustomerRepository.memberNames(tx, [current.ownerID, next.ownerID].compactMap { $0 })
            try await TimelineRepository.insertSystem(
                tx, customer: id, kind: "owner_change",
                title: CustomerTimelineText.ownerChange(
                    from: current.ownerID.flatMap { names[$0] }, to: next.ownerID.flatMap { names[$0] }, facts.orgLocale),
                author: identity.memberID, at: caller.now, subjectType: "member", subjectID: next.ownerID)
        }
        if next.riskReasons != current.riskReasons {
            try await CustomerHistoryRepository.updateOpenPhaseRisks(tx, customer: id, risks: next.riskReasons)
        }
        try await Audit.record(tx, caller, action: "customer.update", resource: "customer", id: id, before: current, after: saved)
        return saved
    }

    /// Moves the customer to another lifecycle phase from `since` (default today): the phase history's open period
    /// ends the day before, the new one opens, the timeline says so. A churned customer says why.
    public func changePhase(
        _ id: UUID, to phase: LifecyclePhase, risks: [LifecycleRisk], churnReason: String?, since: LocalDate?,
        expectedVersion: Int?
    ) async throws -> Customer {
        let current = try await editable(id, expectedVersion: expectedVersion)
        guard phase != current.phase else {
            throw DomainError(.invalid, "the customer is already in this phase; edit its risk reasons instead", field: "phase")
        }
        let facts = try await facts()
        let since = since ?? facts.today
        guard since <= facts.today else { throw DomainError(.invalid, "the phase cannot start in the future", field: "since") }
        guard since >= current.phaseSince else {
            throw DomainError(.invalid, "the new phase cannot start before the current one began", field: "since")
        }
        var next = current
        next.phase = phase
        next.phaseSince = since
        next.riskReasons = try Self.risks(risks, for: phase)
        next.churnReason = try Self.churnReason(churnReason, for: phase)
        let saved = try await CustomerRepository.update(tx, next)
        try await CustomerHistoryRepository.changePhase(
            tx, customer: id, to: phase, since: since, risks: next.riskReasons, churnReason: next.churnReason,
            by: identity.memberID)
        try await TimelineRepository.insertSystem(
            tx, customer: id, kind: "phase_change",
            title: CustomerTimelineText.phaseChange(from: current.phase, to: phase, facts.orgLocale), body: next.churnReason,
            author: identity.memberID, at: caller.now)
        try await Audit.record(tx, caller, action: "customer.phase", resource: "customer", id: id, before: current, after: saved)
        return saved
    }

    /// Takes the customer out of the lists (a manager's); it keeps its history and can be restored.
    public func archive(_ id: UUID) async throws -> Customer {
        let current = try await get(id, lock: true)
        try identity.require(.manageCustomers, in: current.scope)
        guard current.archivedAt == nil else { throw DomainError(.conflict, "the customer is already archived") }
        var next = current
        next.archivedAt = caller.now
        let saved = try await CustomerRepository.update(tx, next)
        try await Audit.record(tx, caller, action: "customer.archive", resource: "customer", id: id, before: current, after: saved)
        return saved
    }

    public func restore(_ id: UUID) async throws -> Customer {
        let current = try await get(id, lock: true)
        try identity.require(.manageCustomers, in: current.scope)
        guard current.mergedInto == nil else {
            throw DomainError(.conflict, "a merged customer cannot be restored; its records live on the customer it was merged into")
        }
        guard current.archivedAt != nil else { throw DomainError(.conflict, "the customer is not archived") }
        var next = current
        next.archivedAt = nil
        let saved = try await CustomerRepository.update(tx, next)
        try await Audit.record(tx, caller, action: "customer.restore", resource: "customer", id: id, before: current, after: saved)
        return saved
    }

    /// Merges a duplicate record into this customer: everything that hangs off the duplicate moves here (see
    /// ``CustomerMerge``), the survivor's blanks are filled from the duplicate (tags joined, custom values it lacks),
    /// and the duplicate is archived with `merged_into` pointing here — its own history stays on it. The duplicate
    /// keeps its external id, so a re-import of the CRM row finds the archived duplicate and can follow
    /// `merged_into`. A manager's, on both records.
    public func merge(_ id: UUID, duplicate duplicateID: UUID) async throws -> MergeResult {
        guard duplicateID != id else { throw DomainError(.invalid, "a customer cannot be merged into itself", field: "duplicate_id") }
        // Lock both in id order, so two merges of the same pair cannot deadlock.
        for lockID in [id, duplicateID].sorted(by: { $0.uuidString < $1.uuidString }) {
            _ = try await CustomerRepository.get(tx, id: lockID, lock: true)
        }
        let survivor = try await get(id)
        guard let duplicate = try await CustomerRepository.get(tx, id: duplicateID),
            CustomerAccessRules.canRead(identity.actor, identity.authorizer, duplicate)
        else { throw DomainError(.invalid, "no such customer in this organisation", field: "duplicate_id") }
        try identity.require(.manageCustomers, in: survivor.scope)
        try identity.require(.manageCustomers, in: duplicate.scope)
        guard survivor.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        guard duplicate.mergedInto == nil else { throw DomainError(.conflict, "the duplicate was already merged into another customer") }

        let outcome = try await CustomerMerge.move(tx, from: duplicateID, into: id)
        var next = survivor
        next.nameEn = survivor.nameEn ?? duplicate.nameEn
        next.nameKana = survivor.nameKana ?? duplicate.nameKana
        next.segment = survivor.segment ?? duplicate.segment
        next.salesOwnerID = survivor.salesOwnerID ?? duplicate.salesOwnerID
        next.custom = survivor.custom.merging(duplicate.custom) { kept, _ in kept }
        next.tags = Array((survivor.tags + duplicate.tags.filter { !survivor.tags.contains($0) }).prefix(CustomerTags.maxCount))
        _ = try await CustomerRepository.update(tx, next)
        try await CustomerMerge.absorbActivity(tx, from: duplicateID, into: id)
        var gone = duplicate
        gone.archivedAt = duplicate.archivedAt ?? caller.now
        gone.mergedInto = id
        let archived = try await CustomerRepository.update(tx, gone)
        let facts = try await facts()
        try await TimelineRepository.insertSystem(
            tx, customer: id, kind: "event", title: CustomerTimelineText.merge(of: duplicate.name, facts.orgLocale),
            body: Self.mergeSummary(outcome), author: identity.memberID, at: caller.now, subjectType: "customer",
            subjectID: duplicateID)
        // The survivor's standing at light and deep success follows what it now holds (the duplicate's measures may
        // complete a tier).
        try await CustomerSuccess.reconcile(tx, try await get(id), today: facts.today, now: caller.now, by: identity.memberID)
        let saved = try await get(id)
        let result = MergeResult(
            survivor: saved, duplicate: archived, moved: outcome.moved,
            conflictingRevenueMonths: outcome.conflictingRevenueMonths, conflictingUsageRows: outcome.conflictingUsageRows)
        try await Audit.record(
            tx, caller, action: "customer.merge", resource: "customer", id: id, before: survivor,
            after: MergeAudit(survivorID: id, duplicateID: duplicateID, moved: outcome.moved,
                              conflictingRevenueMonths: outcome.conflictingRevenueMonths.map(\.description)))
        return result
    }

    struct MergeAudit: Encodable {
        var survivorID: UUID
        var duplicateID: UUID
        var moved: CustomerMerge.Moved
        var conflictingRevenueMonths: [String]
    }

    static func mergeSummary(_ outcome: CustomerMerge.Outcome) -> String {
        let m = outcome.moved
        var lines = [
            "contacts: \(m.contacts)", "contracts: \(m.contracts)", "revenue_snapshots: \(m.revenueSnapshots)",
            "usage_metrics: \(m.usageMetrics)", "nps_responses: \(m.npsResponses)", "tickets: \(m.tickets)",
            "timeline_entries: \(m.timelineEntries)", "health_scores: \(m.healthScores)",
            "accountabilities: \(m.accountabilities)", "problems: \(m.problems)",
            "success_records: \(m.successRecords)", "program_enrolments: \(m.programEnrolments)", "surveys: \(m.surveys)",
            "process_placements: \(m.processPlacements)",
        ]
        if outcome.conflictingSuccessRows > 0 {
            lines.append("kept_on_duplicate_success_rows: \(outcome.conflictingSuccessRows)")
        }
        if !outcome.conflictingRevenueMonths.isEmpty {
            lines.append("kept_revenue_months: " + outcome.conflictingRevenueMonths.map(\.description).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Rules

    /// The customer, locked, if the caller may edit it, is live, and is at the version the caller read.
    func editable(_ id: UUID, expectedVersion: Int?) async throws -> Customer {
        let current = try await get(id, lock: true)
        try Self.requireEdit(identity, current)
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        guard current.archivedAt == nil else { throw DomainError(.conflict, "the customer is archived; restore it first") }
        return current
    }

    private func can(_ permission: Permission, in scope: Scope) -> Bool {
        identity.authorizer.can(identity.actor, permission, in: scope).allowed
    }

    private func facts() async throws -> (today: LocalDate, orgLocale: Organization.Locale) {
        let facts = try await GoalSettingsRepository.calendarFacts(tx, reader: nil)
        return (facts.today, facts.orgLocale)
    }

    /// The company and team, both of this org, the team inside the company.
    private func placement(company: UUID, team: UUID?) async throws -> (UUID, UUID?) {
        guard try await CompanyRepository.get(tx, id: company) != nil else {
            throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
        }
        if let team {
            guard let found = try await TeamRepository.get(tx, id: team) else {
                throw DomainError(.invalid, "no such team in this organisation", field: "team_id")
            }
            guard found.companyID == company else { throw DomainError(.invalid, "the team belongs to another company", field: "team_id") }
        }
        return (company, team)
    }

    private func externalID(_ given: String?, except: UUID?) async throws -> String? {
        guard let id = try Self.optionalText(given, max: 200, field: "external_id") else { return nil }
        if try await CustomerRepository.holder(tx, externalID: id, except: except) != nil {
            throw DomainError(.conflict, "another customer has this external id", field: "external_id")
        }
        return id
    }

    static func name(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw DomainError(.invalid, "a customer's name has 1 to 200 characters", field: "name") }
        return name
    }

    static func reading(_ text: String?) throws -> String? {
        guard let reading = KanaReading.normalise(text) else { return nil }
        guard reading.count <= 200 else { throw DomainError(.invalid, "a reading is at most 200 characters", field: "name_kana") }
        return reading
    }

    static func optionalText(_ text: String?, max: Int, field: String) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= max else { throw DomainError(.invalid, "the text is too long", field: field) }
        return text
    }

    /// Seed 002's risks of the phase, each once.
    static func risks(_ risks: [LifecycleRisk], for phase: LifecyclePhase) throws -> [LifecycleRisk] {
        guard risks.allSatisfy({ $0.phase == phase }) else {
            throw DomainError(.invalid, "a risk reason must belong to the customer's phase", field: "risk_reasons")
        }
        var seen = Set<LifecycleRisk>()
        return risks.filter { seen.insert($0).inserted }
    }

    static func churnReason(_ reason: String?, for phase: LifecyclePhase) throws -> String? {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard phase == .churned else {
            if let reason, !reason.isEmpty {
                throw DomainError(.invalid, "only a churned customer has a churn reason", field: "churn_reason")
            }
            return nil
        }
        guard let reason, !reason.isEmpty else { throw DomainError(.missing, "say why the customer churned", field: "churn_reason") }
        guard reason.count <= 2000 else { throw DomainError(.invalid, "a churn reason is at most 2000 characters", field: "churn_reason") }
        return reason
    }
}
