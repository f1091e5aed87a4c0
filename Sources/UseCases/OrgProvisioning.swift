import Database
public import Domain
public import Foundation
import Logging
import Credentials
public import Store

/// What `banso org create` (and `banso demo`) print: the new org and a full-power API token for its owner.
public struct ProvisionedOrg: Codable, Sendable {
    public var orgId: UUID
    public var slug: String
    public var ownerId: UUID
    public var token: String
}

/// Creates an organisation with its owner in one transaction.
public enum OrgProvisioning {
    public struct Request: Sendable {
        public var name: String
        public var slug: String?
        public var ownerEmail: String
        public var ownerPassword: String
        public var ownerName: String?
        public var timeZone: String
        public var fiscalYearStartMonth: Int
        public var locale: Organization.Locale

        public init(
            name: String, slug: String? = nil, ownerEmail: String, ownerPassword: String, ownerName: String? = nil,
            timeZone: String = "Asia/Tokyo", fiscalYearStartMonth: Int = 4, locale: Organization.Locale = .ja
        ) {
            self.name = name
            self.slug = slug
            self.ownerEmail = ownerEmail
            self.ownerPassword = ownerPassword
            self.ownerName = ownerName
            self.timeZone = timeZone
            self.fiscalYearStartMonth = fiscalYearStartMonth
            self.locale = locale
        }
    }

    public static func create(_ request: Request, store: Store) async throws -> ProvisionedOrg {
        let name = try TenancyRules.name(request.name, field: "name")
        let suffix = String(UUID().uuidString.lowercased().prefix(6))
        let slug = request.slug ?? TenancyRules.slug(from: name, fallback: suffix)
        try TenancyRules.validateSlug(slug)
        let email = try TenancyRules.email(request.ownerEmail, field: "owner_email")
        let password = try TenancyRules.password(request.ownerPassword, field: "owner_password")
        let timeZone = try TenancyRules.timeZone(request.timeZone)
        let month = try TenancyRules.fiscalYearStartMonth(request.fiscalYearStartMonth)
        let ownerName = try TenancyRules.name(request.ownerName ?? String(email.split(separator: "@")[0]), field: "owner_name")
        let hash = try await Secrets.hashPassword(password)
        let token = Secrets.newToken()
        let orgID = UUID.v7()
        let ownerID = UUID.v7()
        try await store.tenant(orgID) { tx in
            let now = store.now
            _ = try await OrganizationRepository.insert(
                tx,
                Organization(
                    id: orgID, slug: slug, name: name, timeZone: timeZone, fiscalYearStartMonth: month,
                    locale: request.locale, createdAt: now, updatedAt: now, version: 1))
            _ = try await MemberRepository.insert(
                tx, id: ownerID, email: email, displayName: ownerName, locale: request.locale,
                timeZone: nil, passwordHash: hash)
            _ = try await GrantRepository.insert(
                tx, id: .v7(), member: ownerID, grant: Grant(role: .owner, scope: .org), by: nil)
            let tokenRecord = try await CredentialRepository.createToken(
                tx, id: .v7(), member: ownerID, name: "owner (created with the organisation)",
                scopes: [.read, .write, .admin], tokenHash: Secrets.hash(token: token), expiresAt: nil, createdBy: ownerID)
            try await AuditRepository.append(
                tx,
                AuditEvent(
                    actorID: nil, tokenID: nil, action: "org.create", resourceType: "org", resourceID: orgID, before: nil,
                    after: #"{"slug": "\#(slug)"}"#, requestID: nil))
            try await AuditRepository.append(
                tx,
                AuditEvent(
                    actorID: ownerID, tokenID: nil, action: "token.create", resourceType: "api_token",
                    resourceID: tokenRecord.id, before: nil, after: nil, requestID: nil))
        }
        return ProvisionedOrg(orgId: orgID, slug: slug, ownerId: ownerID, token: token)
    }
}
