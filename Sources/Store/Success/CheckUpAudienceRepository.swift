public import Database
public import Domain
public import Foundation

/// Which customers a check-up plan or an NPS campaign goes to: live customers (not archived, merged away or
/// churned) of a team or company, optionally of one segment, with what a send records of them.
public enum CheckUpAudienceRepository {
    public struct Member: Sendable, Equatable {
        public var id: UUID
        public var name: String
        public var companyID: UUID
        public var ownerID: UUID?

        public init(id: UUID, name: String, companyID: UUID, ownerID: UUID?) {
            (self.id, self.name, self.companyID, self.ownerID) = (id, name, companyID, ownerID)
        }
    }

    /// The live customers of `team` (or `company`, or the org when both are nil), of `segment` if given.
    public static func customers(_ tx: TenantTransaction, company: UUID?, team: UUID?, segment: String?) async throws -> [Member] {
        try await tx.query(
            """
            SELECT id, name, company_id, owner_id FROM customer
            WHERE org_id = \(tx.org) AND archived_at IS NULL AND merged_into IS NULL AND phase <> 'churned'
              AND (\(team)::uuid IS NULL OR team_id = \(team)) AND (\(company)::uuid IS NULL OR company_id = \(company))
              AND (\(segment)::text IS NULL OR segment = \(segment))
            ORDER BY id
            """
        ).map { row in
            let (id, name, company, owner) = try row.decode((UUID, String, UUID, UUID?).self)
            return Member(id: id, name: name, companyID: company, ownerID: owner)
        }
    }
}
