public import Domain
public import Foundation
public import Store

/// A customer's contacts. Whoever reads the customer reads its contacts; whoever edits the customer edits them.
/// Audit entries never hold a contact's personal data (only which fields changed), so that an erasure
/// (個人情報保護法) leaves no copy of it behind in the audit log either.
public struct Contacts: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var externalID: String?
        public var name: String
        public var email: String?
        public var phone: String?
        public var role: String?
        public var decisionMaker: Bool

        public init(externalID: String?, name: String, email: String?, phone: String?, role: String?, decisionMaker: Bool) {
            (self.externalID, self.name, self.email, self.phone, self.role) = (externalID, name, email, phone, role)
            self.decisionMaker = decisionMaker
        }
    }

    /// `nil` leaves a field; `.some(nil)` clears a nullable one.
    public struct Changes: Sendable {
        public var externalID: String??
        public var name: String?
        public var email: String??
        public var phone: String??
        public var role: String??
        public var decisionMaker: Bool?

        public init(
            externalID: String?? = nil, name: String? = nil, email: String?? = nil, phone: String?? = nil,
            role: String?? = nil, decisionMaker: Bool? = nil
        ) {
            (self.externalID, self.name, self.email, self.phone, self.role) = (externalID, name, email, phone, role)
            self.decisionMaker = decisionMaker
        }
    }

    /// What the audit log keeps of a contact: no name, email, phone or role.
    struct AuditSnapshot: Encodable {
        var id: UUID
        var customerId: UUID
        var decisionMaker: Bool
        var erased: Bool
        var changedFields: [String]
    }

    public func list(customer customerID: UUID, after cursor: UUID?, limit: Int) async throws -> Page<Contact> {
        let customer = try await Customers(tx, caller).get(customerID)
        return try await ContactRepository.list(tx, customer: customer.id, after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> Contact {
        guard let contact = try await ContactRepository.get(tx, id: id) else { throw DomainError(.notFound, "contact not found") }
        do {
            _ = try await Customers(tx, caller).get(contact.customerID)
        } catch let error as DomainError where error.code == .notFound {
            throw DomainError(.notFound, "contact not found")
        }
        return contact
    }

    public func create(customer customerID: UUID, _ new: New) async throws -> Contact {
        let customer = try await Customers(tx, caller).get(customerID, lock: true)
        try Customers.requireEdit(identity, customer)
        let fields = try Contact.validated(name: new.name, email: new.email, phone: new.phone, role: new.role)
        let now = caller.now
        let contact = try await ContactRepository.insert(
            tx,
            Contact(
                id: .v7(), customerID: customer.id, externalID: try await externalID(new.externalID, except: nil),
                name: fields.name, email: fields.email, phone: fields.phone, role: fields.role,
                decisionMaker: new.decisionMaker, erasedAt: nil, createdAt: now, updatedAt: now, version: 1))
        try await Audit.record(
            tx, caller, action: "contact.create", resource: "contact", id: contact.id,
            after: snapshot(contact, changed: ["name", "email", "phone", "role", "decision_maker"].filter { field in
                switch field {
                case "email": contact.email != nil
                case "phone": contact.phone != nil
                case "role": contact.role != nil
                default: true
                }
            }))
        return contact
    }

    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Contact {
        let current = try await editable(id)
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        var next = current
        let fields = try Contact.validated(
            name: changes.name ?? current.name, email: changes.email ?? current.email, phone: changes.phone ?? current.phone,
            role: changes.role ?? current.role)
        (next.name, next.email, next.phone, next.role) = (fields.name, fields.email, fields.phone, fields.role)
        if let decides = changes.decisionMaker { next.decisionMaker = decides }
        if let external = changes.externalID { next.externalID = try await externalID(external, except: id) }
        guard next != current else { return current }
        let saved = try await ContactRepository.update(tx, next)
        var changed: [String] = []
        if next.name != current.name { changed.append("name") }
        if next.email != current.email { changed.append("email") }
        if next.phone != current.phone { changed.append("phone") }
        if next.role != current.role { changed.append("role") }
        if next.decisionMaker != current.decisionMaker { changed.append("decision_maker") }
        if next.externalID != current.externalID { changed.append("external_id") }
        try await Audit.record(tx, caller, action: "contact.update", resource: "contact", id: id, after: snapshot(saved, changed: changed))
        return saved
    }

    /// Erases the person on request (個人情報保護法): the contact is kept, anonymised, and so are their NPS answers
    /// (score and date stay, respondent and comment go). The audit entry says that it happened, never who it was.
    public func erase(_ id: UUID) async throws -> Contact {
        let current = try await editable(id)
        let (erased, answers) = try await ContactRepository.erase(tx, id: current.id)
        struct Erasure: Encodable {
            var id: UUID
            var customerId: UUID
            var erasedAt: Date?
            var anonymisedNpsResponses: Int
        }
        try await Audit.record(
            tx, caller, action: "contact.erase", resource: "contact", id: id,
            after: Erasure(id: id, customerId: erased.customerID, erasedAt: erased.erasedAt, anonymisedNpsResponses: answers))
        return erased
    }

    /// The contact, locked, if the caller may edit its customer and it is not erased.
    private func editable(_ id: UUID) async throws -> Contact {
        let contact = try await get(id)
        let customer = try await Customers(tx, caller).get(contact.customerID, lock: true)
        try Customers.requireEdit(identity, customer)
        guard let locked = try await ContactRepository.get(tx, id: id, lock: true) else { throw DomainError(.notFound, "contact not found") }
        guard locked.erasedAt == nil else { throw DomainError(.conflict, "the contact was erased") }
        return locked
    }

    private func externalID(_ given: String?, except: UUID?) async throws -> String? {
        guard let id = given?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else { return nil }
        guard id.count <= 200 else { throw DomainError(.invalid, "the text is too long", field: "external_id") }
        if try await ContactRepository.holder(tx, externalID: id, except: except) != nil {
            throw DomainError(.conflict, "another contact has this external id", field: "external_id")
        }
        return id
    }

    private func snapshot(_ contact: Contact, changed: [String]) -> AuditSnapshot {
        AuditSnapshot(
            id: contact.id, customerId: contact.customerID, decisionMaker: contact.decisionMaker,
            erased: contact.erasedAt != nil, changedFields: changed)
    }
}
