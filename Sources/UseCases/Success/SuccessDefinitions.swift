public import Domain
public import Foundation
public import Store

/// Light and deep success definitions (seed 003), for the whole org or for one company. Whoever reads customers
/// within a definition's scope reads it (org-wide ones: anyone who reads customers); writing one needs
/// `success.manage` where it lives — an org-wide definition, org-wide. A definition's tier and scope never change:
/// customers' statuses and reached periods refer to it, so a different scope is a new definition (archive the old).
public struct SuccessDefinitions: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A measure as a writer gives it: without an id it is new; with one, it is that measure of the definition kept
    /// (its customers' statuses stay with it).
    public struct MeasureInput: Sendable {
        public var id: UUID?
        public var name: String
        public var criterion: SuccessMeasure.Criterion
        public var required: Bool

        public init(id: UUID?, name: String, criterion: SuccessMeasure.Criterion, required: Bool) {
            (self.id, self.name, self.criterion, self.required) = (id, name, criterion, required)
        }
    }

    public struct New: Sendable {
        public var tier: SuccessTier
        public var companyID: UUID?
        public var definition: String
        public var audience: String
        public var aims: [String]
        public var measures: [MeasureInput]
        public var responsibleTeamID: UUID?
        public var method: String

        public init(
            tier: SuccessTier, companyID: UUID?, definition: String, audience: String, aims: [String], measures: [MeasureInput],
            responsibleTeamID: UUID?, method: String
        ) {
            (self.tier, self.companyID, self.definition, self.audience, self.aims) = (tier, companyID, definition, audience, aims)
            (self.measures, self.responsibleTeamID, self.method) = (measures, responsibleTeamID, method)
        }
    }

    /// `nil` leaves a field as it is; `responsibleTeamID` uses `.some(nil)` to clear.
    public struct Changes: Sendable {
        public var definition: String?
        public var audience: String?
        public var aims: [String]?
        public var measures: [MeasureInput]?
        public var responsibleTeamID: UUID??
        public var method: String?

        public init(
            definition: String? = nil, audience: String? = nil, aims: [String]? = nil, measures: [MeasureInput]? = nil,
            responsibleTeamID: UUID?? = nil, method: String? = nil
        ) {
            (self.definition, self.audience, self.aims, self.measures) = (definition, audience, aims, measures)
            (self.responsibleTeamID, self.method) = (responsibleTeamID, method)
        }
    }

    public func list(_ filter: SuccessDefinitionRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<SuccessDefinition> {
        try await SuccessDefinitionRepository.list(tx, filter, visibleTo: identity.reach(.readCustomers), page: Keyset(after: cursor, limit: limit))
    }

    public func get(_ id: UUID, lock: Bool = false) async throws -> SuccessDefinition {
        guard let definition = try await SuccessDefinitionRepository.get(tx, id: id, lock: lock), canRead(definition) else {
            throw DomainError(.notFound, "success definition not found")
        }
        return definition
    }

    public func create(_ new: New) async throws -> SuccessDefinition {
        if let company = new.companyID, try await CompanyRepository.get(tx, id: company) == nil {
            throw DomainError(.invalid, "no such company in this organisation", field: "company_id")
        }
        try identity.require(.manageSuccess, in: new.companyID.map(Scope.company) ?? .org)
        let now = caller.now
        let definition = try SuccessDefinition(
            id: .v7(), tier: new.tier, companyID: new.companyID, definition: new.definition, audience: new.audience, aims: new.aims,
            measures: try Self.measures(new.measures, keeping: []), responsibleTeamID: new.responsibleTeamID, method: new.method,
            createdAt: now, updatedAt: now
        ).validated()
        try await checkTeam(definition)
        let saved = try await SuccessDefinitionRepository.insert(tx, definition, by: identity.memberID)
        try await Audit.record(tx, caller, action: "success_definition.create", resource: "success_definition", id: saved.id, after: saved)
        return saved
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> SuccessDefinition {
        var definition = try await get(id, lock: true)
        try identity.require(.manageSuccess, in: definition.scope)
        if let expectedVersion, expectedVersion != definition.version { throw DomainError.stale }
        guard definition.archivedAt == nil else { throw DomainError(.conflict, "the success definition is archived") }
        let before = definition
        if let text = changes.definition { definition.definition = text }
        if let audience = changes.audience { definition.audience = audience }
        if let aims = changes.aims { definition.aims = aims }
        if let measures = changes.measures { definition.measures = try Self.measures(measures, keeping: before.measures) }
        if let team = changes.responsibleTeamID { definition.responsibleTeamID = team }
        if let method = changes.method { definition.method = method }
        definition = try definition.validated()
        try await checkTeam(definition)
        guard definition != before else { return before }
        guard let saved = try await SuccessDefinitionRepository.update(tx, definition) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "success_definition.update", resource: "success_definition", id: id, before: before, after: saved)
        return saved
    }

    /// Archives it: from now on the org's definition of the tier (if any) applies to the company's customers; the
    /// statuses and reached periods recorded under it stay.
    public func archive(_ id: UUID, expectedVersion: Int?) async throws -> SuccessDefinition {
        var definition = try await get(id, lock: true)
        try identity.require(.manageSuccess, in: definition.scope)
        if let expectedVersion, expectedVersion != definition.version { throw DomainError.stale }
        guard definition.archivedAt == nil else { return definition }
        let before = definition
        definition.archivedAt = caller.now
        guard let saved = try await SuccessDefinitionRepository.update(tx, definition) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "success_definition.archive", resource: "success_definition", id: id, before: before, after: saved)
        return saved
    }

    func canRead(_ definition: SuccessDefinition) -> Bool {
        identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: definition.scope)
    }

    /// The responsible team exists, and for a company's definition, sits in that company.
    func checkTeam(_ definition: SuccessDefinition) async throws {
        guard let teamID = definition.responsibleTeamID else { return }
        guard let team = try await TeamRepository.get(tx, id: teamID) else {
            throw DomainError(.invalid, "no such team in this organisation", field: "responsible_team_id")
        }
        if let company = definition.companyID, team.companyID != company {
            throw DomainError(.invalid, "the responsible team belongs to another company", field: "responsible_team_id")
        }
    }

    /// Measures as given, new ones with fresh ids; a given id must be one of the definition's measures.
    static func measures(_ inputs: [MeasureInput], keeping existing: [SuccessMeasure]) throws -> [SuccessMeasure] {
        let known = Set(existing.map(\.id))
        return try inputs.enumerated().map { index, input in
            if let id = input.id, !known.contains(id) {
                throw DomainError(.invalid, "no such measure in this definition; leave out the id for a new one", field: "measures[\(index)].id")
            }
            return SuccessMeasure(id: input.id ?? .v7(), name: input.name, criterion: input.criterion, required: input.required)
        }
    }
}
