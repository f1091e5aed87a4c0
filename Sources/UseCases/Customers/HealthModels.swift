public import Domain
public import Foundation
public import Store

/// The org's health model and its versions: anyone who reads customers reads the model (it explains every
/// grade they see); CS operations and admins change it, which makes a new version — old scores keep theirs.
public struct HealthModels: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Readers of customers anywhere in the org.
    func requireRead() throws {
        guard identity.reach(.readCustomers).anywhere else {
            throw DomainError(.forbidden, "reading the health model needs the right to read customers", permission: Permission.readCustomers.rawValue)
        }
    }

    /// The version in force (the default model becomes version 1 the first time it is needed).
    public func current() async throws -> HealthModelRepository.Version {
        try requireRead()
        return try await HealthModelRepository.current(tx)
    }

    public func list() async throws -> [HealthModelRepository.Version] {
        try requireRead()
        return try await HealthModelRepository.list(tx)
    }

    public func get(_ version: Int) async throws -> HealthModelRepository.Version {
        try requireRead()
        _ = try await HealthModelRepository.current(tx)
        guard let found = try await HealthModelRepository.get(tx, version: version) else {
            throw DomainError(.notFound, "health model version not found")
        }
        return found
    }

    /// Checks who asks before the request is replayed or written.
    public func requireManage() throws {
        try identity.require(.manageHealthModels, in: .org)
    }

    /// A new version from `spec`; refused with the offending field (`signals[1].weight`) when invalid.
    public func create(_ spec: HealthModelSpec, note: String?) async throws -> HealthModelRepository.Version {
        try requireManage()
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let note, note.count > 2000 { throw DomainError(.invalid, "a note is at most 2000 characters", field: "note") }
        // Validated before the version is numbered, so a refusal writes nothing.
        _ = try spec.model(version: 1)
        let created = try await HealthModelRepository.insertNext(tx, spec: spec, note: note?.isEmpty == true ? nil : note, by: identity.memberID)
        try await Audit.record(
            tx, caller, action: "health_model.create", resource: "health_model", id: nil,
            after: ["version": "\(created.model.version)"])
        return created
    }
}
