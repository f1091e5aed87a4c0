public import Domain
public import Foundation
public import Store

/// The org's check-up settings (response-rate threshold, reminder days, link lifetime): readable by whoever reads
/// customers, changed with `success.manage` at the org.
public struct CheckUpConfiguration: Sendable {
    let tx: TenantTransaction
    let caller: Caller
    var identity: Identity { caller.identity }

    public init(_ tx: TenantTransaction, _ caller: Caller) {
        self.tx = tx
        self.caller = caller
    }

    /// The settings with their version (0 until first saved) for `If-Match`.
    public struct Versioned: Sendable {
        public var settings: CheckUpSettings
        public var version: Int
        public var updatedAt: Date?
    }

    public func get() async throws -> Versioned {
        try CheckUpTemplates(tx, caller).requireReader()
        let (settings, version, updated) = try await CheckUpSettingsRepository.get(tx)
        return Versioned(settings: settings, version: version, updatedAt: updated)
    }

    public func put(_ settings: CheckUpSettings, expectedVersion: Int?) async throws -> Versioned {
        try identity.require(.manageSuccess, in: .org)
        let checked = try settings.validated()
        let before = try await CheckUpSettingsRepository.get(tx).settings
        guard let saved = try await CheckUpSettingsRepository.put(tx, checked, expectedVersion: expectedVersion) else { throw DomainError.stale }
        try await Audit.record(tx, caller, action: "check_up_settings.update", resource: "check_up_settings", id: nil, before: before, after: checked)
        return Versioned(settings: checked, version: saved.version, updatedAt: saved.updatedAt)
    }
}
