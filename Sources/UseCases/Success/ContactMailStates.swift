public import Domain
public import Foundation
public import Store

/// Whether a contact may be mailed (opted out, bounced), and recording bounces reported by the mail provider.
public struct ContactMailStates: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The contact's state, for whoever reads its customer.
    public func get(contact id: UUID) async throws -> ContactMailStateRepository.State {
        let contact = try await Contacts(tx, caller).get(id)
        return try await ContactMailStateRepository.get(tx, contact: contact.id)
    }

    public enum BounceKind: String, Sendable, CaseIterable, Codable {
        case hard, soft
    }

    /// Records a bounce (CS operations or an admin, org-wide: the address may be any customer's). A hard bounce
    /// marks every contact with the address, and nothing more is sent to them; a soft one is only recorded.
    public func recordBounce(email: String, kind: BounceKind, reason: String?) async throws -> [UUID] {
        try identity.require(.manageCustomers, in: .org)
        let address = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...320).contains(address.unicodeScalars.count), address.contains("@"), !address.contains("\0") else {
            throw DomainError(.invalid, "an e-mail address is 3 to 320 characters with an @", field: "email")
        }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (why?.unicodeScalars.count ?? 0) <= 500, why?.contains("\0") != true else {
            throw DomainError(.invalid, "a bounce reason is at most 500 characters", field: "reason")
        }
        let id = UUID.v7()
        let marked = try await ContactMailStateRepository.recordBounce(
            tx, id: id, email: address, hard: kind == .hard, reason: why?.isEmpty == true ? nil : why, by: identity.memberID)
        try await Audit.record(
            tx, caller, action: "mail_bounce.record", resource: "mail_bounce", id: id,
            after: ["kind": kind.rawValue, "contacts_marked": String(marked.count)])
        return marked
    }
}
