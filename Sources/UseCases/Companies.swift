public import Domain
public import Foundation
public import Store

/// Business units. Everyone with directory access reads them; owners and admins create, rename and delete them.
public struct Companies: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A company that passed ``check(name:)``. Creating is two steps so that a replayed request (an
    /// Idempotency-Key seen before) is answered after the checks and before the write; only `check` makes one.
    public struct Checked: Sendable {
        let name: String
    }

    public func list(after cursor: UUID?, limit: Int) async throws -> Page<Company> {
        try identity.require(.readDirectory, in: .org)
        return try await CompanyRepository.list(tx, after: cursor, limit: limit)
    }

    public func get(_ id: UUID) async throws -> Company {
        guard let company = try await CompanyRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.readDirectory, in: .company(id))
        return company
    }

    /// The caller may create companies, and `name` is one.
    public func check(name: String) throws -> Checked {
        try identity.require(.manageCompanies, in: .org)
        return Checked(name: try TenancyRules.name(name, field: "name"))
    }

    public func create(_ checked: Checked) async throws -> Company {
        let company = try await CompanyRepository.insert(tx, id: .v7(), name: checked.name)
        try await Audit.record(tx, caller, action: "company.create", resource: "company", id: company.id, after: company)
        return company
    }

    public func rename(_ id: UUID, to name: String, expectedVersion: Int?) async throws -> Company {
        guard let before = try await CompanyRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.manageCompanies, in: .company(id))
        let name = try TenancyRules.name(name, field: "name")
        guard let after = try await CompanyRepository.rename(tx, id: id, name: name, expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "company.update", resource: "company", id: id, before: before, after: after)
        return after
    }

    /// A company that still has teams is refused (409): its teams go first.
    public func delete(_ id: UUID) async throws {
        guard let before = try await CompanyRepository.get(tx, id: id) else { throw Self.notFound }
        try identity.require(.manageCompanies, in: .company(id))
        _ = try await CompanyRepository.delete(tx, id: id)
        try await Audit.record(tx, caller, action: "company.delete", resource: "company", id: id, before: before)
    }

    static let notFound = DomainError(.notFound, "company not found")
}
