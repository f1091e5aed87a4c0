public import Domain
public import Foundation
public import Store

/// The check-ups and NPS surveys sent to customers' contacts: listed for whoever reads the customer; a check-up
/// sent by hand by whoever edits the customer (its CSM, managers, CS operations).
public struct CheckUpSends: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public func list(_ filter: CheckUpSendRepository.Filter, after cursor: UUID?, limit: Int) async throws -> Page<CheckUpSendRecord> {
        if let customer = filter.customerID { _ = try await Customers(tx, caller).get(customer) }
        return try await CheckUpSendRepository.list(tx, filter, reach: identity.reach(.readCustomers), after: cursor, limit: limit)
    }

    /// Each NPS campaign's answers among the customers the caller reads.
    public func answeredByCampaign() async throws -> [UUID: Int] {
        try await CheckUpSendRepository.answeredByCampaign(tx, reach: identity.reach(.readCustomers))
    }

    public func get(_ id: UUID) async throws -> CheckUpSendRecord {
        guard let send = try await CheckUpSendRepository.get(tx, id: id) else { throw DomainError(.notFound, "check-up not found") }
        do {
            _ = try await Customers(tx, caller).get(send.customerID)
        } catch let error as DomainError where error.code == .notFound {
            throw DomainError(.notFound, "check-up not found")
        }
        return send
    }

    /// Sends a check-up now to `contact` (or to the contact the rule picks: the decision maker first), with
    /// `template` or else the customer's team plan's questionnaire, else the org's newest. Refused when the contact
    /// cannot be mailed (opted out, bounced, erased, no address) or still has an open check-up.
    public func sendNow(customer customerID: UUID, contact: UUID?, template templateID: UUID?, publicURL: String) async throws -> CheckUpSendRecord {
        let customer = try await Customers(tx, caller).get(customerID, lock: true)
        try Customers.requireEdit(identity, customer)
        guard customer.archivedAt == nil, customer.mergedInto == nil else { throw DomainError(.conflict, "the customer is archived") }
        if let contact, try await !NPSRepository.contactBelongs(tx, contact: contact, customer: customer.id) {
            throw DomainError(.invalid, "the contact is not one of this customer's", field: "contact_id")
        }
        let template = try await chooseTemplate(templateID, team: customer.teamID)
        guard let recipient = try await ContactMailStateRepository.recipients(
            tx, customers: [customer.id], rule: .decisionMakerFirst, only: contact).first
        else {
            throw DomainError(
                .conflict, contact == nil ? "no contact of this customer can be mailed" : "this contact cannot be mailed (opted out, bounced, erased or no address)")
        }
        if try await CheckUpSendRepository.hasOpenCheckUp(tx, contact: recipient.contactID) {
            throw DomainError(.conflict, "this contact has an unanswered check-up whose link is still open")
        }
        let context = try await CheckUpMailing.context(tx, publicURL: publicURL, now: caller.now)
        let member = CheckUpAudienceRepository.Member(id: customer.id, name: customer.name, companyID: customer.companyID, ownerID: customer.ownerID)
        guard let send = try await CheckUpMailing.issue(
            tx, context, .checkUp(template: template.id, planTeam: nil), customer: member, recipient: recipient, sentBy: identity.memberID)
        else { throw DomainError(.conflict, "the check-up was sent by another request at the same moment") }
        try await Audit.record(tx, caller, action: "check_up.send", resource: "survey_send", id: send.id, after: AuditSnapshot(send))
        return send
    }

    func chooseTemplate(_ id: UUID?, team: UUID?) async throws -> CheckUpTemplate {
        if let id {
            guard let template = try await CheckUpTemplateRepository.get(tx, id: id) else {
                throw DomainError(.invalid, "no such check-up template", field: "template_id")
            }
            guard template.archivedAt == nil else { throw DomainError(.invalid, "the check-up template is archived", field: "template_id") }
            return template
        }
        if let team, let planned = try await CheckUpPlanRepository.get(tx, team: team)?.templateID,
           let template = try await CheckUpTemplateRepository.get(tx, id: planned), template.archivedAt == nil {
            return template
        }
        guard let latest = try await CheckUpTemplateRepository.latestLive(tx) else {
            throw DomainError(.conflict, "the organisation has no check-up template yet")
        }
        return latest
    }

    /// What the audit log keeps of a send: no answers, no contact details.
    struct AuditSnapshot: Encodable {
        var id: UUID
        var kind: String
        var customerId: UUID
        var contactId: UUID
        var templateId: UUID?
        var campaignId: UUID?

        init(_ s: CheckUpSendRecord) {
            (id, kind, customerId, contactId, templateId, campaignId) = (s.id, s.kind.rawValue, s.customerID, s.contactID, s.templateID, s.campaignID)
        }
    }
}
