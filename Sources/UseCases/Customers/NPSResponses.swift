public import Domain
public import Foundation
public import Store

/// NPS responses (0–10) of a customer's contacts, and NPS reports. Whoever reads the customer reads its
/// responses (support included: an answer is not a contract value); the owning CSM, managers and CS ops record
/// them (``CustomerAccessRules/canEdit``); deleting one takes `customers.manage`. Each response is also a timeline
/// entry of kind `nps`.
public struct NPSResponses: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }
    var access: RevenueAccess { RevenueAccess(tx: tx, identity: identity) }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var score: Int
        public var comment: String?
        public var respondent: String?
        public var contactID: UUID?
        public var respondedOn: LocalDate?
        public var channel: NPSResponse.Channel?
        public var externalID: String?

        public init(
            score: Int, comment: String?, respondent: String?, contactID: UUID?, respondedOn: LocalDate?,
            channel: NPSResponse.Channel?, externalID: String?
        ) {
            (self.score, self.comment, self.respondent, self.contactID) = (score, comment, respondent, contactID)
            (self.respondedOn, self.channel, self.externalID) = (respondedOn, channel, externalID)
        }
    }

    public struct Checked: Sendable {
        let response: NPSResponse
    }

    public func check(customer id: UUID, _ new: New) async throws -> Checked {
        let customer = try await access.readable(id)
        guard CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer) else {
            try identity.require(CustomerAccessRules.editPermission(identity.actor, customer), in: customer.scope)
            throw DomainError(.forbidden, "only the owning CSM, managers and CS operations record NPS responses",
                              permission: Permission.manageCustomers.rawValue)
        }
        if let contact = new.contactID, try await !NPSRepository.contactBelongs(tx, contact: contact, customer: customer.id) {
            throw DomainError(.invalid, "the contact is not one of this customer's", field: "contact_id")
        }
        let today = try await GoalSettingsRepository.calendarFacts(tx, reader: identity.memberID).today
        let respondedOn = new.respondedOn ?? today
        guard respondedOn <= today.adding(days: 1) else {
            throw DomainError(.invalid, "a response cannot be dated in the future", field: "responded_on")
        }
        let response = NPSResponse(
            id: .v7(), customerID: customer.id, contactID: new.contactID, externalID: Contracts.trimmed(new.externalID),
            score: new.score, comment: Contracts.trimmed(new.comment), respondent: Contracts.trimmed(new.respondent),
            respondedOn: respondedOn, channel: new.channel ?? .other, createdAt: caller.now)
        try NPSResponse.validate(response)
        return Checked(response: response)
    }

    public func create(_ checked: Checked) async throws -> NPSResponse {
        let saved = try await NPSRepository.insert(tx, checked.response)
        let category = saved.category.rawValue
        try await TimelineRepository.insertSystem(
            tx, customer: saved.customerID, kind: "nps", title: "NPS \(saved.score) (\(category))", body: saved.comment,
            author: identity.memberID, at: caller.now, subjectType: "nps_response", subjectID: saved.id)
        try await Audit.record(tx, caller, action: "nps_response.create", resource: "nps_response", id: saved.id, after: saved)
        return saved
    }

    public func list(customer id: UUID, after cursor: UUID?, limit: Int) async throws -> Page<NPSResponse> {
        let customer = try await access.readable(id)
        return try await NPSRepository.list(tx, customer: customer.id, after: cursor, limit: limit)
    }

    public func delete(_ id: UUID) async throws {
        guard let response = try await NPSRepository.get(tx, id: id) else { throw DomainError(.notFound, "NPS response not found") }
        let customer = try await access.readable(response.customerID)
        try identity.require(.manageCustomers, in: customer.scope)
        try await NPSRepository.delete(tx, id: id)
        try await Audit.record(tx, caller, action: "nps_response.delete", resource: "nps_response", id: id, before: response)
    }

    /// One group of an NPS report.
    public struct Group: Sendable {
        public var key: String?
        public var name: String?
        public var nps: NPS
    }

    /// NPS per group of the responses from `from` through `through`, of the customers the caller reads (grouped by
    /// their current company, team and owner, or by the response's month).
    public func report(from: LocalDate, through: LocalDate, grouping: NPSRepository.Grouping, companyID: UUID?, teamID: UUID?)
        async throws -> [Group]
    {
        guard from <= through else { throw DomainError(.invalid, "the report ends before it starts", field: "to") }
        guard from.days(to: through) <= 3660 else { throw DomainError(.invalid, "a report covers at most ten years", field: "from") }
        let scope = RevenueRepository.Scope(companyID: companyID, teamID: teamID, reach: identity.reach(.readCustomers))
        let rows = try await NPSRepository.tally(tx, from: from, through: through, grouping: grouping, scope: scope)
        let ids = rows.compactMap { $0.key.flatMap(UUID.init(uuidString:)) }
        let names = grouping == .month || grouping == .org ? [:] : try await RevenueRepository.names(tx, ids: ids)
        if grouping == .org {
            return [Group(key: nil, name: nil, nps: rows.reduce(NPS.none) { $0 + $1.nps })]
        }
        return rows.map { row in
            Group(key: row.key ?? "unattributed", name: row.key.flatMap(UUID.init(uuidString:)).flatMap { names[$0] }, nps: row.nps)
        }
    }
}
