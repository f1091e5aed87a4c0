public import Domain
public import Foundation
public import Store

/// Who may see and run a customer's success program: whoever reads the customer reads its enrolments; the
/// customer's editors (its owning CSM, customer managers) and `success.manage` where the customer lives run them.
/// An enrolment of a customer the caller may not read is "not found", never "forbidden".
enum EnrolmentAccess {
    static let notFound = DomainError(.notFound, "enrolment not found")

    /// The enrolment and its customer, if the caller reads the customer.
    static func readable(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID, lock: Bool = false) async throws
        -> (enrolment: Enrolment, customer: Customer)
    {
        guard let enrolment = try await EnrolmentRepository.get(tx, id: id, lock: lock),
              let customer = try await CustomerRepository.get(tx, id: enrolment.customerID),
              CustomerAccessRules.canRead(identity.actor, identity.authorizer, customer)
        else { throw notFound }
        return (enrolment, customer)
    }

    /// The same, for a change: refused (403) unless the caller may run the customer's program.
    static func writable(_ tx: TenantTransaction, _ identity: Identity, _ id: UUID, expectedVersion: Int? = nil) async throws
        -> (enrolment: Enrolment, customer: Customer)
    {
        let found = try await readable(tx, identity, id, lock: true)
        try requireRun(identity, found.customer)
        if let expectedVersion, expectedVersion != found.enrolment.version { throw DomainError.stale }
        return found
    }

    static func canRun(_ identity: Identity, _ customer: Customer) -> Bool {
        CustomerAccessRules.canEdit(identity.actor, identity.authorizer, customer)
            || identity.authorizer.can(identity.actor, .manageSuccess, in: customer.scope).allowed
    }

    static func requireRun(_ identity: Identity, _ customer: Customer) throws {
        guard canRun(identity, customer) else {
            throw DomainError(
                .forbidden, "you may not run this customer's success program",
                permission: CustomerAccessRules.editPermission(identity.actor, customer).rawValue)
        }
    }

    /// Every id is a live contact of the customer; else 422 naming `field` (another customer's or org's contact is
    /// unknown here).
    static func requireContacts(_ tx: TenantTransaction, _ ids: [UUID], of customer: UUID, field: String) async throws {
        let known = try await EnrolmentRepository.contacts(tx, customer: customer, among: ids)
        guard ids.allSatisfy(known.contains) else {
            throw DomainError(.invalid, "not a contact of this customer", field: field)
        }
    }
}
