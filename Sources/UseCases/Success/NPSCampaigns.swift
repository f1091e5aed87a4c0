public import Domain
public import Foundation
public import Store

/// NPS survey campaigns: created and sent by whoever holds `success.manage` where the audience lives; read by
/// whoever reads customers there. Sending mails each audience customer's contacts (by the campaign's rule) their
/// own link, once; answers become the customers' NPS responses.
public struct NPSCampaigns: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var name: String
        public var question: CheckUpText?
        public var companyID: UUID?
        public var teamID: UUID?
        public var segment: String?
        public var recipients: SurveyRecipients?

        public init(name: String, question: CheckUpText?, companyID: UUID?, teamID: UUID?, segment: String?, recipients: SurveyRecipients?) {
            (self.name, self.question, self.companyID, self.teamID, self.segment, self.recipients) = (name, question, companyID, teamID, segment, recipients)
        }
    }

    public func create(_ new: New) async throws -> NPSCampaign {
        var company = new.companyID
        if let teamID = new.teamID {
            guard let team = try await TeamRepository.get(tx, id: teamID) else { throw DomainError(.invalid, "no such team", field: "team_id") }
            guard company == nil || company == team.companyID else {
                throw DomainError(.invalid, "the team belongs to another company", field: "team_id")
            }
            company = team.companyID
        } else if let companyID = company, try await CompanyRepository.get(tx, id: companyID) == nil {
            throw DomainError(.invalid, "no such company", field: "company_id")
        }
        let now = caller.now
        let campaign = try NPSCampaign(
            id: .v7(), name: new.name, question: new.question ?? NPSCampaign.standardQuestion, companyID: company, teamID: new.teamID,
            segment: new.segment, recipients: new.recipients ?? .decisionMakerFirst, createdBy: identity.memberID, createdAt: now, updatedAt: now
        ).validated()
        try identity.require(.manageSuccess, in: campaign.scope)
        let saved = try await NPSCampaignRepository.insert(tx, campaign)
        try await Audit.record(tx, caller, action: "nps_campaign.create", resource: "nps_campaign", id: saved.id, after: saved)
        return saved
    }

    func readable(_ id: UUID, lock: Bool = false) async throws -> NPSCampaign {
        guard let campaign = try await NPSCampaignRepository.get(tx, id: id, lock: lock),
              identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: campaign.scope)
        else { throw DomainError(.notFound, "NPS campaign not found") }
        return campaign
    }

    public func get(_ id: UUID) async throws -> NPSCampaign { try await readable(id) }

    /// The campaigns whose audience the caller reads customers in, newest first.
    public func list(after cursor: UUID?, limit: Int) async throws -> Page<NPSCampaign> {
        let page = try await NPSCampaignRepository.list(tx, after: cursor, limit: limit)
        return Page(
            items: page.items.filter { identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: $0.scope) },
            nextCursor: page.nextCursor)
    }

    /// How many contacts sending the campaign now would mail — what its confirming step says before anything goes
    /// out. Whoever may send it may ask; the count follows the same audience and recipient rule as ``send``.
    public func recipientCount(_ id: UUID) async throws -> Int {
        let campaign = try await readable(id)
        try identity.require(.manageSuccess, in: campaign.scope)
        let customers = try await CheckUpAudienceRepository.customers(
            tx, company: campaign.companyID, team: campaign.teamID, segment: campaign.segment)
        return try await ContactMailStateRepository.recipients(tx, customers: customers.map(\.id), rule: campaign.recipients).count
    }

    /// Sends the campaign, once: each audience customer's chosen contacts get their link. A contact who opted out,
    /// bounced or was erased gets nothing.
    public func send(_ id: UUID, expectedVersion: Int?, publicURL: String) async throws -> NPSCampaign {
        let campaign = try await readable(id, lock: true)
        try identity.require(.manageSuccess, in: campaign.scope)
        if let expectedVersion, expectedVersion != campaign.version { throw DomainError.stale }
        guard campaign.state == .draft else { throw DomainError(.conflict, "the campaign was already sent") }
        let context = try await CheckUpMailing.context(tx, publicURL: publicURL, now: caller.now)
        let customers = try await CheckUpAudienceRepository.customers(
            tx, company: campaign.companyID, team: campaign.teamID, segment: campaign.segment)
        let byID = Dictionary(uniqueKeysWithValues: customers.map { ($0.id, $0) })
        var count = 0
        for recipient in try await ContactMailStateRepository.recipients(tx, customers: customers.map(\.id), rule: campaign.recipients) {
            guard let customer = byID[recipient.customerID] else { continue }
            if try await CheckUpMailing.issue(tx, context, .nps(campaign), customer: customer, recipient: recipient, sentBy: identity.memberID) != nil {
                count += 1
            }
        }
        let saved = try await NPSCampaignRepository.markSent(tx, id: id, count: count)
        try await Audit.record(tx, caller, action: "nps_campaign.send", resource: "nps_campaign", id: id, before: campaign, after: saved)
        return saved
    }
}
