public import Domain
public import Foundation
public import Store

/// People in the organisation: adding them, changing, deactivating and moving them between teams. Whoever acts on
/// a member needs management rights where the member lives and must reach them: no role acts on a person of
/// higher rank (``Authorizer/canActOn(_:holderOf:)``). A member is never deleted — their history stays — but
/// deactivated.
public struct Members: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// A member to add, its fields already validated.
    public struct NewMember: Sendable {
        public var email: String
        public var displayName: String
        public var locale: Organization.Locale?
        public var timeZone: String?
        public var teamIDs: [UUID]

        public init(email: String, displayName: String, locale: Organization.Locale?, timeZone: String?, teamIDs: [UUID]) {
            (self.email, self.displayName, self.locale, self.timeZone, self.teamIDs) = (email, displayName, locale, timeZone, teamIDs)
        }
    }

    /// What an edit asks for, as sent: `nil` leaves a field alone.
    public struct Changes: Sendable {
        public var displayName: String?
        public var locale: String?
        public var timeZone: String?
        public var active: Bool?

        public init(displayName: String?, locale: String?, timeZone: String?, active: Bool?) {
            (self.displayName, self.locale, self.timeZone, self.active) = (displayName, locale, timeZone, active)
        }
    }

    /// Whether the caller holds `permission` where the member lives: org-wide, or in any one of their teams.
    /// Everyone reads themselves.
    public static func covers(_ identity: Identity, _ permission: Permission, member: Member) -> Bool {
        if identity.authorizer.can(identity.actor, permission, in: .org).allowed { return true }
        if member.id == identity.memberID, permission == .readDirectory { return true }
        return member.teamIDs.contains { identity.authorizer.can(identity.actor, permission, in: .team($0)).allowed }
    }

    /// Refuses (403) unless the caller may grant every role `member` holds.
    public static func requireReach(_ identity: Identity, over member: UUID, tx: TenantTransaction) async throws {
        let grants = try await GrantRepository.forMember(tx, member: member).map(\.grant)
        try Identity.enforce(identity.authorizer.canActOn(identity.actor, holderOf: grants))
    }

    /// Adding someone straight into teams needs rights over each; adding to no team needs them org-wide.
    public static func requireMayAdd(_ identity: Identity, toTeams teams: [UUID]) throws {
        if teams.isEmpty {
            try identity.require(.manageMembers, in: .org)
        } else {
            for team in teams { try identity.require(.manageMembers, in: .team(team)) }
        }
    }

    /// A member the caller may read, or 404 — one they may not read is not said to exist.
    public func get(_ id: UUID) async throws -> Member {
        guard let member = try await MemberRepository.get(tx, id: id), Self.covers(identity, .readDirectory, member: member)
        else { throw DomainError(.notFound, "member not found") }
        return member
    }

    /// Adds a member, into the teams given; `passwordHash` lets them sign in at once.
    public func create(_ new: NewMember, passwordHash: String?) async throws -> Member {
        try Self.requireMayAdd(identity, toTeams: new.teamIDs)
        let id = UUID.v7()
        _ = try await MemberRepository.insert(
            tx, id: id, email: new.email, displayName: new.displayName, locale: new.locale, timeZone: new.timeZone,
            passwordHash: passwordHash)
        for team in new.teamIDs {
            guard try await TeamRepository.get(tx, id: team) != nil else {
                throw DomainError(.invalid, "no such team in this organisation", field: "team_ids")
            }
            _ = try await MemberRepository.addToTeam(tx, member: id, team: team)
        }
        let member = try await MemberRepository.get(tx, id: id)!
        try await Audit.record(tx, caller, action: "member.create", resource: "member", id: id, after: MemberDTO(member))
        return member
    }

    /// Edits or deactivates a member. Members edit their own name, language and zone; anything else — and
    /// deactivating anyone — takes management rights and reach.
    public func update(_ id: UUID, _ changes: Changes, expectedVersion: Int?) async throws -> Member {
        guard let before = try await MemberRepository.get(tx, id: id) else { throw DomainError(.notFound, "member not found") }
        let isSelf = id == identity.memberID
        if !(isSelf && changes.active == nil) { try await requireManage(before) }
        let name = try changes.displayName.map { try TenancyRules.name($0, field: "display_name") } ?? before.displayName
        let locale = try changes.locale.map { try TenancyRules.locale($0) } ?? before.locale
        let timeZone = try changes.timeZone.map { try TenancyRules.timeZone($0) } ?? before.timeZone
        if isSelf, changes.active == false {
            throw DomainError(.invalid, "you cannot deactivate yourself", field: "active")
        }
        if changes.active == false, before.active, try await GrantRepository.activeOrgOwners(tx) == [id] {
            throw DomainError(.conflict, "the organisation's last active owner cannot be deactivated", field: "active")
        }
        guard let after = try await MemberRepository.update(
            tx, id: id, displayName: name, locale: locale, timeZone: timeZone, active: changes.active ?? before.active,
            expectedVersion: expectedVersion)
        else { throw DomainError.stale }
        // A deactivated member's calendar feed URLs die with their access, and they leave the meetings to come
        // (the past keep who was there).
        if before.active, !after.active {
            try await CalendarFeedRepository.revokeAll(tx, member: id)
            try await MeetingParticipantRepository.leaveFuture(tx, member: id, after: caller.now)
        }
        try await Audit.record(
            tx, caller, action: "member.update", resource: "member", id: id, before: MemberDTO(before), after: MemberDTO(after))
        return after
    }

    /// Puts a member in a team (`add`) or takes them out; audited only when it changed something.
    public func setTeamMembership(member memberID: UUID, team teamID: UUID, add: Bool) async throws {
        guard try await TeamRepository.get(tx, id: teamID) != nil else { throw DomainError(.notFound, "team not found") }
        guard let member = try await MemberRepository.get(tx, id: memberID) else { throw DomainError(.notFound, "member not found") }
        try identity.require(.manageMembers, in: .team(teamID))
        // Only members already in the caller's scope (else: adding an owner to one's team, then editing them).
        try await requireManage(member)
        let changed = add
            ? try await MemberRepository.addToTeam(tx, member: memberID, team: teamID)
            : try await MemberRepository.removeFromTeam(tx, member: memberID, team: teamID)
        if changed {
            try await Audit.record(
                tx, caller, action: add ? "team_membership.add" : "team_membership.remove", resource: "team", id: teamID,
                after: ["member_id": memberID.uuidString.lowercased()])
        }
    }

    /// Management rights where the member lives (or org-wide), and the right to grant each of their roles.
    private func requireManage(_ member: Member) async throws {
        if !Self.covers(identity, .manageMembers, member: member) {
            try Identity.enforce(identity.authorizer.can(identity.actor, .manageMembers, in: .org))
        }
        try await Self.requireReach(identity, over: member.id, tx: tx)
    }
}
