import Database

extension AuditRepository {
    /// The actions the org's log holds, for the page's filter.
    public static func actions(_ tx: TenantTransaction) async throws -> [String] {
        try await tx.query("SELECT DISTINCT action FROM audit_event WHERE org_id = \(tx.org) ORDER BY action").decodeColumn(String.self)
    }
}
