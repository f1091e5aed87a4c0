public import Domain
public import Foundation
public import Store

/// An org's own SMTP relay, used instead of the deployment's. Only owners change it — every mail of the org, reset
/// links included, would pass through it — and every active owner hears of a change. The relay URL arrives sealed:
/// the deployment's key stays with the adapters, so this code never holds the relay's password in the clear.
public struct MailRelays: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// Test messages an org may queue in an hour: each is a connection to the relay, on the shared `mail` queue.
    public static let testsPerHour = 5

    /// More test messages than ``testsPerHour`` allows.
    public struct TestLimitReached: Error, Sendable {
        public let perHour: Int
        public let retryAfterSeconds: Int
    }

    /// A relay to use, as the adapter checked it: its URL sealed, its host read from the URL (to tell the owners).
    public struct Setting: Sendable {
        public var sealedURL: String
        public var host: String
        public var fromAddress: String?
        public var fromName: String?

        public init(sealedURL: String, host: String, fromAddress: String?, fromName: String?) {
            (self.sealedURL, self.host, self.fromAddress, self.fromName) = (sealedURL, host, fromAddress, fromName)
        }
    }

    /// Owners only. Exposed so an adapter can refuse before it checks the URL, which may wait for DNS.
    public static func requireChange(_ identity: Identity) throws {
        try identity.require(.manageOrg, in: .org)
    }

    /// The relay in use, if the org has its own.
    public func current() async throws -> OrgMailRelayRepository.Relay? {
        try identity.require(.manageJobs, in: .org)
        return try await OrgMailRelayRepository.get(tx)
    }

    /// Sends the org's mail through `setting`. `shown` is the relay as the caller's adapter shows it (without its
    /// password): the audit entry records that, since only the adapter can open the sealed URL.
    public func set<Shown: Encodable>(_ setting: Setting, shown: (OrgMailRelayRepository.Relay) throws -> Shown)
        async throws -> OrgMailRelayRepository.Relay
    {
        try Self.requireChange(identity)
        let relay = try await OrgMailRelayRepository.set(
            tx, smtpURL: setting.sealedURL, fromAddress: setting.fromAddress, fromName: setting.fromName, by: identity.memberID)
        try await Audit.record(tx, caller, action: "mail_relay.set", resource: "org", id: identity.orgID, after: try shown(relay))
        try await tellOwners(host: setting.host)
        return relay
    }

    /// Back to the deployment's relay.
    public func remove() async throws {
        try Self.requireChange(identity)
        guard try await OrgMailRelayRepository.delete(tx) else { throw DomainError(.notFound, "mail relay not found") }
        try await Audit.record(tx, caller, action: "mail_relay.delete", resource: "org", id: identity.orgID)
        try await tellOwners(host: nil)
    }

    /// Queues a test message to the caller through the relay in use; `host` reads a relay's host from its sealed
    /// URL (`nil` when it cannot). Returns the message's id.
    public func queueTest(host: (OrgMailRelayRepository.Relay) -> String?) async throws -> UUID {
        try identity.require(.manageJobs, in: .org)
        guard let org = try await OrganizationRepository.current(tx), let me = try await MemberRepository.get(tx, id: identity.memberID)
        else { throw DomainError(.notFound, "member not found") }
        if try await MailOutboxRepository.count(tx, kind: .relayTest, withinSeconds: 3600) >= Self.testsPerHour {
            throw TestLimitReached(perHour: Self.testsPerHour, retryAfterSeconds: 3600)
        }
        let relay = try await OrgMailRelayRepository.get(tx)
        let relayHost = relay.flatMap(host) ?? "the deployment's relay"
        return try await MailOutboxRepository.enqueue(
            tx, MailTemplates.relayTest(org: org.name, host: relayHost, to: me.email, locale: me.locale ?? org.locale))
    }

    /// Every active owner hears of a change to the relay, in their inbox (an escalation: never muted or held).
    private func tellOwners(host: String?) async throws {
        let changer = try await MemberRepository.get(tx, id: identity.memberID)?.displayName ?? ""
        for owner in try await GrantRepository.activeOrgOwnerReaders(tx) {
            try await NotificationRepository.deliver(
                tx, to: owner.member, .mailRelayChanged(host: host, by: changer, locale: owner.locale),
                subjectType: "org", subjectID: identity.orgID)
        }
    }
}
