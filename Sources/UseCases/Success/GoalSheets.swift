public import Domain
public import Foundation
public import Store
import Credentials

/// An enrolment's goal sheet (seed 002): written by whoever runs the program, agreed by three parties — the CSM
/// here, the client's owner and decision maker through their own single-use link (``GoalSheetLinks``). Any edit
/// of the content is a new version, which needs agreeing again; the current figures are progress, not content.
public struct GoalSheets: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// How long a client's link stays valid.
    public static let linkLifetime: TimeInterval = 14 * 24 * 3600

    static let notFound = DomainError(.notFound, "goal sheet not found")

    public func get(enrolment id: UUID) async throws -> GoalSheet {
        let (enrolment, _) = try await EnrolmentAccess.readable(tx, identity, id)
        guard let sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id) else { throw Self.notFound }
        return sheet
    }

    /// Writes the sheet (the first time, or a new version); `expectedVersion` is the sheet version the writer read.
    public func put(enrolment id: UUID, _ content: GoalSheetContent, expectedVersion: Int?) async throws -> GoalSheet {
        let (enrolment, customer) = try await EnrolmentAccess.writable(tx, identity, id)
        guard enrolment.state == .active else { throw DomainError(.conflict, "the goal sheet is written while the program runs") }
        let checked = try content.validated()
        try await EnrolmentAccess.requireContacts(tx, [checked.clientOwnerID], of: customer.id, field: "client_owner_id")
        try await EnrolmentAccess.requireContacts(tx, [checked.decisionMakerID], of: customer.id, field: "decision_maker_id")
        if let goal = checked.kpiGoalID {
            guard try await GoalRepository.get(tx, id: goal) != nil else {
                throw DomainError(.invalid, "no such goal in this organisation", field: "kpi_goal_id")
            }
        }
        guard var sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id, lock: true) else {
            if let expectedVersion, expectedVersion != 0 { throw DomainError.stale }
            let sheet = GoalSheet(id: .v7(), enrolmentID: enrolment.id, content: checked, createdAt: caller.now, updatedAt: caller.now)
            let saved = try await GoalSheetRepository.insert(tx, sheet)
            try await Audit.record(tx, caller, action: "goal_sheet.create", resource: "goal_sheet", id: saved.id, after: saved)
            return saved
        }
        if let expectedVersion, expectedVersion != sheet.version { throw DomainError.stale }
        let before = sheet
        guard try sheet.edit(checked, at: caller.now) else { return sheet }
        let saved = try await GoalSheetRepository.save(tx, sheet)
        try await Audit.record(tx, caller, action: "goal_sheet.update", resource: "goal_sheet", id: saved.id, before: before, after: saved)
        return saved
    }

    /// The CSM's agreement to `version` (the one they read): only the program's CSM agrees as `csm`.
    public func agree(enrolment id: UUID, version: Int?) async throws -> GoalSheet {
        let (enrolment, _) = try await EnrolmentAccess.readable(tx, identity, id, lock: true)
        guard var sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id, lock: true) else { throw Self.notFound }
        guard enrolment.state == .active else { throw DomainError(.conflict, "the goal sheet is agreed while the program runs") }
        guard try sheet.agree(.csm, by: identity.memberID, toVersion: version ?? sheet.version, csmID: enrolment.csmID, at: caller.now) else {
            return sheet
        }
        let saved = try await GoalSheetRepository.save(tx, sheet)
        try await Audit.record(tx, caller, action: "goal_sheet.agree", resource: "goal_sheet", id: saved.id, after: saved.current(.csm))
        return saved
    }

    /// Issues a single-use link for a client party to agree the current version, with its token — answered once,
    /// kept nowhere but as its hash.
    public func issueLink(enrolment id: UUID, party: GoalSheetParty) async throws -> (link: GoalSheetLinkRecord, token: String) {
        let (enrolment, _) = try await EnrolmentAccess.writable(tx, identity, id)
        guard party != .csm else { throw DomainError(.invalid, "the CSM agrees signed in, not through a link", field: "party") }
        guard enrolment.state == .active else { throw DomainError(.conflict, "the goal sheet is agreed while the program runs") }
        guard let sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id) else { throw Self.notFound }
        let contact = party == .clientOwner ? sheet.content.clientOwnerID : sheet.content.decisionMakerID
        let token = Secrets.newToken()
        let link = try await GoalSheetLinkRepository.insert(
            tx, id: .v7(), tokenHash: Secrets.hash(token: token), enrolment: enrolment.id, party: party, contact: contact,
            sheetVersion: sheet.version, expiresAt: caller.now.addingTimeInterval(Self.linkLifetime), by: identity.memberID)
        try await Audit.record(
            tx, caller, action: "goal_sheet.link", resource: "goal_sheet", id: sheet.id,
            after: ["party": party.rawValue, "contact_id": contact.uuidString.lowercased(), "sheet_version": String(sheet.version)])
        return (link, token)
    }

    /// Records the KPI's and the usage metric's current figures: progress, which changes no version.
    public func setProgress(enrolment id: UUID, kpiActual: Double?, usageActual: Double?) async throws -> GoalSheet {
        let (enrolment, _) = try await EnrolmentAccess.writable(tx, identity, id)
        guard var sheet = try await GoalSheetRepository.get(tx, enrolment: enrolment.id, lock: true) else { throw Self.notFound }
        for (value, field) in [(kpiActual, "kpi_actual"), (usageActual, "usage_actual")] {
            if let value, !value.isFinite || abs(value) > 1e15 { throw DomainError(.invalid, "a figure is a finite number", field: field) }
        }
        let before = sheet
        (sheet.kpiActual, sheet.usageActual) = (kpiActual, usageActual)
        let saved = try await GoalSheetRepository.save(tx, sheet)
        try await Audit.record(tx, caller, action: "goal_sheet.progress", resource: "goal_sheet", id: saved.id, before: before, after: saved)
        return saved
    }
}
