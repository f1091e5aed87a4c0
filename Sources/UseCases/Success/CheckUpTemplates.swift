public import Domain
public import Foundation
public import Store

/// Check-up questionnaires (定期検診) of the org: whoever reads customers reads them (they are what customers are
/// asked); `success.manage` at the org writes them. Deleting archives: sends keep pointing at their questionnaire.
public struct CheckUpTemplates: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    func requireReader() throws {
        guard identity.authorizer.canSomewhere(identity.actor, .readCustomers, within: .org) else {
            throw DomainError(.forbidden, "reading check-ups needs customers.read", permission: Permission.readCustomers.rawValue)
        }
    }

    public func create(name: String, questions: [CheckUpQuestion]) async throws -> CheckUpTemplate {
        try identity.require(.manageSuccess, in: .org)
        let now = caller.now
        let template = try CheckUpTemplate(id: .v7(), name: name, questions: questions, createdAt: now, updatedAt: now).validated()
        let saved = try await CheckUpTemplateRepository.insert(tx, template)
        try await Audit.record(tx, caller, action: "check_up_template.create", resource: "check_up_template", id: saved.id, after: saved)
        return saved
    }

    public func get(_ id: UUID) async throws -> CheckUpTemplate {
        try requireReader()
        guard let template = try await CheckUpTemplateRepository.get(tx, id: id) else { throw DomainError(.notFound, "check-up template not found") }
        return template
    }

    public func list(archived: Bool, after cursor: UUID?, limit: Int) async throws -> Page<CheckUpTemplate> {
        try requireReader()
        return try await CheckUpTemplateRepository.list(tx, archived: archived, after: cursor, limit: limit)
    }

    /// Edits the name and questions (`nil` keeps them). Answers already given stay as they were given.
    public func update(_ id: UUID, name: String?, questions: [CheckUpQuestion]?, expectedVersion: Int?) async throws -> CheckUpTemplate {
        guard var template = try await CheckUpTemplateRepository.get(tx, id: id, lock: true) else {
            throw DomainError(.notFound, "check-up template not found")
        }
        try identity.require(.manageSuccess, in: .org)
        if let expectedVersion, expectedVersion != template.version { throw DomainError.stale }
        guard template.archivedAt == nil else { throw DomainError(.conflict, "the check-up template is archived") }
        let before = template
        if let name { template.name = name }
        if let questions { template.questions = questions }
        template = try template.validated()
        guard let saved = try await CheckUpTemplateRepository.update(tx, template) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "check_up_template.update", resource: "check_up_template", id: id, before: before, after: saved)
        return saved
    }

    /// Archives the template: no plan sends it any more (the daily run skips an archived questionnaire).
    public func archive(_ id: UUID, expectedVersion: Int?) async throws {
        guard var template = try await CheckUpTemplateRepository.get(tx, id: id, lock: true) else {
            throw DomainError(.notFound, "check-up template not found")
        }
        try identity.require(.manageSuccess, in: .org)
        if let expectedVersion, expectedVersion != template.version { throw DomainError.stale }
        guard template.archivedAt == nil else { return }
        let before = template
        template.archivedAt = caller.now
        guard let saved = try await CheckUpTemplateRepository.update(tx, template) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "check_up_template.archive", resource: "check_up_template", id: id, before: before, after: saved)
    }
}
