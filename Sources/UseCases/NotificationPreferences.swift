public import Domain
public import Foundation
public import Store

/// How notifications reach people: each member's own preferences (muted kinds, quiet hours, digest, e-mail), and
/// the org's weekly cap on nudges per member, which only those who set the org's goal rules may change.
public struct NotificationSettings: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// What a member may mute: escalations are how a missed step reaches someone, and the digest is the channel.
    public static let mutableKinds = NotificationMessage.Kind.allCases.filter { $0.urgency != .escalation && $0 != .digest }

    /// The cap is the org's: checked by ``setWeeklyCap(_:)``, and exposed so an adapter can refuse before it reads
    /// the body.
    public static func requireManageOrg(_ identity: Identity) throws {
        try identity.require(.manageGoalSettings, in: .org)
    }

    /// The caller's preferences with the zone they are read in and the org's cap.
    public func preferences() async throws -> NotificationPreferenceRepository.Reader {
        guard let reader = try await NotificationPreferenceRepository.reader(tx, member: identity.memberID) else {
            throw DomainError(.notFound, "member not found")
        }
        return reader
    }

    /// Changes the caller's own preferences. `edit` turns the current ones into the new ones, or throws for the
    /// first field that is wrong: the adapter words that refusal, so it is applied here, after the read.
    public func update(_ edit: (NotificationPreferences) throws -> NotificationPreferences) async throws
        -> NotificationPreferenceRepository.Reader
    {
        var reader = try await preferences()
        reader.preferences = try edit(reader.preferences)
        try await NotificationPreferenceRepository.set(tx, member: identity.memberID, reader.preferences)
        return reader
    }

    /// The org's weekly cap on nudges per member; `nil` is none.
    public func weeklyCap() async throws -> Int? {
        try await NotificationPreferenceRepository.weeklyCap(tx)
    }

    /// Sets or lifts the weekly cap. `edit` turns the current cap into the new one, or throws when it is out of
    /// range (worded by the adapter).
    public func setWeeklyCap(_ edit: (Int?) throws -> Int?) async throws -> Int? {
        try Self.requireManageOrg(identity)
        let cap = try edit(try await NotificationPreferenceRepository.weeklyCap(tx))
        try await NotificationPreferenceRepository.setWeeklyCap(tx, cap)
        return cap
    }
}
