public import Domain
public import Foundation
public import Store

/// An invitation as the API answers with it and audit entries record it — there without its token, which only the
/// answer to the create carries.
public struct InvitationDTO: Codable, Sendable {
    public var id: UUID
    public var email: String
    public var displayName: String?
    public var teamId: UUID?
    public var role: Role
    public var invitedBy: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?
    /// Only in the answer to the create.
    public var token: String?
    public var link: String?
    /// `link` is the page the token opens, which only the API knows.
    public init(_ i: InvitationRecord, token: String? = nil, link: String? = nil) {
        (id, email, displayName, teamId, role, invitedBy) = (i.id, i.email, i.displayName, i.teamID, i.role, i.invitedBy)
        (createdAt, expiresAt, revokedAt) = (i.createdAt, i.expiresAt, i.revokedAt)
        (self.token, self.link) = (token, link)
    }
}
