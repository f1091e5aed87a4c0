public import Database
public import Domain
public import Foundation

/// Each CSM's monthly program-hour capacity as their manager set it; a member without a row has the default.
public enum CSMCapacityRepository {
    public struct Stored: Sendable {
        public var capacity: CSMCapacity
        public var setBy: UUID?
        public var updatedAt: Date?
        /// 0 for a member whose capacity was never set (the default).
        public var version: Int
    }

    public static func get(_ tx: TenantTransaction, member: UUID) async throws -> Stored {
        guard let row = try await tx.query(
            "SELECT monthly_minutes, set_by, updated_at, version FROM csm_capacity WHERE org_id = \(tx.org) AND member_id = \(member)"
        ).first else {
            return Stored(capacity: CSMCapacity(memberID: member), setBy: nil, updatedAt: nil, version: 0)
        }
        let (minutes, by, at, version) = try row.decode((Int, UUID, Date, Int).self)
        return Stored(capacity: CSMCapacity(memberID: member, monthlyMinutes: minutes), setBy: by, updatedAt: at, version: version)
    }

    /// Sets it (the use case compares versions under ``lock(_:member:)``).
    public static func set(_ tx: TenantTransaction, _ c: CSMCapacity, by: UUID) async throws -> Stored {
        let rows = try await tx.query(
            """
            INSERT INTO csm_capacity AS k (org_id, member_id, monthly_minutes, set_by) VALUES (\(tx.org), \(c.memberID), \(c.monthlyMinutes), \(by))
            ON CONFLICT (org_id, member_id) DO UPDATE SET monthly_minutes = excluded.monthly_minutes, set_by = excluded.set_by,
                updated_at = banso_now(), version = k.version + 1
            RETURNING k.monthly_minutes, k.set_by, k.updated_at, k.version
            """)
        let (minutes, setBy, at, version) = try rows[0].decode((Int, UUID, Date, Int).self)
        return Stored(capacity: CSMCapacity(memberID: c.memberID, monthlyMinutes: minutes), setBy: setBy, updatedAt: at, version: version)
    }

    /// Serialises two settings of one member's capacity (there may be no row yet to lock).
    public static func lock(_ tx: TenantTransaction, member: UUID) async throws {
        try await tx.execute("SELECT pg_advisory_xact_lock(hashtextextended('csm_capacity:' || \(member)::text, 0))")
    }

    /// The capacities set, by member.
    public static func all(_ tx: TenantTransaction, members: [UUID]) async throws -> [UUID: CSMCapacity] {
        guard !members.isEmpty else { return [:] }
        var result: [UUID: CSMCapacity] = [:]
        for row in try await tx.query(
            "SELECT member_id, monthly_minutes FROM csm_capacity WHERE org_id = \(tx.org) AND member_id = ANY(\(members)::uuid[])")
        {
            let (member, minutes) = try row.decode((UUID, Int).self)
            result[member] = CSMCapacity(memberID: member, monthlyMinutes: minutes)
        }
        return result
    }
}
