public import Domain
public import Foundation
public import Store

/// The org's custom fields for customers. Anyone who reads customers reads the definitions (forms and exports
/// need them); defining them is for those who manage customers across the whole org (admin, owner, org-wide ops).
public struct CustomerFields: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    /// An org keeps its forms readable: at most this many fields.
    public static let limit = 100

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    public struct New: Sendable {
        public var key: String
        public var labelJa: String
        public var labelEn: String
        public var type: CustomerField.FieldType
        public var choices: [String]
        public var position: Int?

        public init(key: String, labelJa: String, labelEn: String, type: CustomerField.FieldType, choices: [String], position: Int?) {
            (self.key, self.labelJa, self.labelEn, self.type, self.choices, self.position) = (key, labelJa, labelEn, type, choices, position)
        }
    }

    public struct Changes: Sendable {
        public var labelJa: String?
        public var labelEn: String?
        public var type: CustomerField.FieldType?
        public var choices: [String]?
        public var position: Int?
        public var archived: Bool?

        public init(
            labelJa: String? = nil, labelEn: String? = nil, type: CustomerField.FieldType? = nil, choices: [String]? = nil,
            position: Int? = nil, archived: Bool? = nil
        ) {
            (self.labelJa, self.labelEn, self.type, self.choices, self.position, self.archived) = (labelJa, labelEn, type, choices, position, archived)
        }
    }

    public func list() async throws -> [CustomerField] {
        let reach = identity.reach(.readCustomers)
        guard reach.everywhere || reach.anywhere else {
            throw DomainError(.forbidden, "reading customers is not granted", permission: Permission.readCustomers.rawValue)
        }
        return try await CustomerFieldRepository.all(tx)
    }

    public func create(_ new: New) async throws -> CustomerField {
        try identity.require(.manageCustomers, in: .org)
        guard CustomerField.validKey(new.key) else {
            throw DomainError(.invalid, "a key is a lower-case letter followed by up to 39 letters, digits or underscores", field: "key")
        }
        guard try await !CustomerFieldRepository.exists(tx, key: new.key) else {
            throw DomainError(.conflict, "a field with this key exists", field: "key")
        }
        guard try await CustomerFieldRepository.count(tx) < Self.limit else {
            throw DomainError(.conflict, "an organisation has at most 100 custom fields")
        }
        let position = new.position ?? 0
        guard (0...10_000).contains(position) else { throw DomainError(.invalid, "position is from 0 to 10000", field: "position") }
        let field = try await CustomerFieldRepository.insert(
            tx,
            CustomerField(
                id: .v7(), key: new.key, labelJa: try CustomerField.label(new.labelJa, field: "label_ja"),
                labelEn: try CustomerField.label(new.labelEn, field: "label_en"), type: new.type,
                choices: try CustomerField.choices(new.choices, for: new.type), position: position, archivedAt: nil,
                createdAt: caller.now, version: 1))
        try await Audit.record(tx, caller, action: "customer_field.create", resource: "customer_field", id: field.id, after: field)
        return field
    }

    /// Relabels, reorders, changes the choices or archives a field. Its type changes only while no customer holds a
    /// value under it, and a choice some customer holds cannot be removed.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> CustomerField {
        try identity.require(.manageCustomers, in: .org)
        guard let current = try await CustomerFieldRepository.get(tx, id: id) else {
            throw DomainError(.notFound, "custom field not found")
        }
        if let expectedVersion, expectedVersion != current.version { throw DomainError.stale }
        var next = current
        if let label = changes.labelJa { next.labelJa = try CustomerField.label(label, field: "label_ja") }
        if let label = changes.labelEn { next.labelEn = try CustomerField.label(label, field: "label_en") }
        if let position = changes.position {
            guard (0...10_000).contains(position) else { throw DomainError(.invalid, "position is from 0 to 10000", field: "position") }
            next.position = position
        }
        if let type = changes.type, type != current.type {
            guard try await !CustomerFieldRepository.inUse(tx, key: current.key) else {
                throw DomainError(.conflict, "the type cannot change once customers hold values for the field", field: "type")
            }
            next.type = type
            if changes.choices == nil { next.choices = try CustomerField.choices(type == .choice ? current.choices : [], for: type) }
        }
        if let choices = changes.choices {
            next.choices = try CustomerField.choices(choices, for: next.type)
            let removed = current.choices.filter { !next.choices.contains($0) }
            if current.type == .choice, !(try await CustomerFieldRepository.choicesInUse(tx, key: current.key, among: removed).isEmpty) {
                throw DomainError(.conflict, "a choice customers hold cannot be removed", field: "choices")
            }
        }
        if let archived = changes.archived { next.archivedAt = archived ? (current.archivedAt ?? caller.now) : nil }
        guard next != current else { return current }
        let saved = try await CustomerFieldRepository.update(tx, next)
        try await Audit.record(
            tx, caller, action: "customer_field.update", resource: "customer_field", id: id, before: current, after: saved)
        return saved
    }
}
