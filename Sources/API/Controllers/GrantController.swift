import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/v1/grants`: who holds which role where. Managers grant roles below their own within their scope; owners and
/// admins anywhere (only owners make owners and admins). The last owner cannot be removed.
struct GrantController {
    let store: Store

    struct GrantDTO: Codable, Sendable {
        var id: UUID
        var memberID: UUID
        var role: String
        var scopeType: String
        var scopeID: UUID?
        var grantedBy: UUID?
        var createdAt: Date
        init(_ g: GrantRecord) {
            id = g.id
            memberID = g.memberID
            role = g.grant.role.rawValue
            scopeType = g.grant.scope.kind
            scopeID = g.grant.scope.id
            grantedBy = g.grantedBy
            createdAt = g.createdAt
        }
        enum CodingKeys: String, CodingKey {
            case id, role
            case memberID = "member_id", scopeType = "scope_type", scopeID = "scope_id", grantedBy = "granted_by"
            case createdAt = "created_at"
        }
    }
    struct Input: Decodable {
        var memberId: UUID
        var role: String
        var scopeType: String
        var scopeId: UUID?
    }

    static let schema = Schema.object(
        ["id": Schema.uuid, "member_id": Schema.uuid, "role": Schema.enumeration(Role.allCases.map(\.rawValue)),
         "scope_type": Schema.enumeration(["org", "company", "team"]), "scope_id": Schema.nullable(Schema.uuid),
         "granted_by": Schema.nullable(Schema.uuid), "created_at": Schema.dateTime],
        required: ["id", "member_id", "role", "scope_type"])

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/grants", id: "listGrants", summary: "List role grants", tag: "access",
                         parameters: Schema.paging + [Schema.query("member_id", Schema.uuid, "only this member's grants")],
                         responses: [200: ("Grants", Schema.list(schema))], problems: [422]),
        OpenAPIOperation("POST", "/v1/grants", id: "createGrant", summary: "Grant a role in a scope (Idempotency-Key honoured)",
                         tag: "access",
                         requestBody: Schema.object(["member_id": Schema.uuid, "role": Schema.enumeration(Role.allCases.map(\.rawValue)),
                                                     "scope_type": Schema.enumeration(["org", "company", "team"]),
                                                     "scope_id": Schema.uuid], required: ["member_id", "role", "scope_type"]),
                         responses: [201: ("Granted", schema)], problems: [409]),
        OpenAPIOperation("DELETE", "/v1/grants/{id}", id: "deleteGrant", summary: "Revoke a grant", tag: "access",
                         parameters: [Schema.pathID()], responses: [204: ("Revoked", nil)], problems: [404, 409]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/grants") { request, context in
            let identity = try context.requireIdentity()
            let list = try ListQuery(request)
            let member = try request.uuidQuery("member_id")
            let page = try await store.tenant(identity.orgID) { tx in
                try await VisiblePage.fill(
                    limit: list.limit, after: list.cursor, id: \.id,
                    visible: { $0.memberID == identity.memberID || identity.authorizer.can(identity.actor, .readDirectory, in: $0.grant.scope).allowed }
                ) { try await GrantRepository.list(tx, member: member, after: $0, limit: $1) }
            }
            return try JSONResponse.make(ListResponse(items: page.items.map(GrantDTO.init), nextCursor: page.nextCursor))
        }
        router.post("/v1/grants") { request, context in
            let identity = try context.requireIdentity()
            let (input, body) = try await request.decodeJSONKeepingBody(as: Input.self, context: context)
            guard let role = Role(rawValue: input.role) else {
                throw DomainError(.invalid, "role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", field: "role")
            }
            let scope = try Scope(kind: input.scopeType, id: input.scopeId)
            return try await store.tenant(identity.orgID) { tx in
                guard try await MemberRepository.get(tx, id: input.memberId) != nil else {
                    throw DomainError(.invalid, "no such member in this organisation", field: "member_id")
                }
                switch scope {
                case .org: break
                case .company(let id):
                    guard try await CompanyRepository.get(tx, id: id) != nil else {
                        throw DomainError(.invalid, "no such company in this organisation", field: "scope_id")
                    }
                case .team(let id):
                    guard try await TeamRepository.get(tx, id: id) != nil else {
                        throw DomainError(.invalid, "no such team in this organisation", field: "scope_id")
                    }
                }
                try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: role, in: scope, to: input.memberId))
                return try await Idempotency.run(request, body: body, identity: identity, tx: tx) {
                    let grant = try await GrantRepository.insert(
                        tx, id: .v7(), member: input.memberId, grant: Grant(role: role, scope: scope),
                        by: identity.memberID)
                    try await AuditTrail.record(
                        tx, identity, context: context, action: "grant.create", resource: "grant", id: grant.id,
                        after: GrantDTO(grant))
                    return try .init(GrantDTO(grant))
                }
            }
        }
        router.delete("/v1/grants/:id") { request, context in
            let identity = try context.requireIdentity()
            let id = try request.uuidParameter(context, "id", what: "grant")
            return try await store.tenant(identity.orgID) { tx in
                guard let grant = try await GrantRepository.get(tx, id: id) else {
                    throw Problem.notFound("grant")
                }
                try Identity.enforce(identity.authorizer.canGrant(identity.actor, role: grant.grant.role, in: grant.grant.scope))
                if grant.grant.role == .owner, grant.grant.scope == .org,
                   try await GrantRepository.activeOrgOwners(tx) == [grant.memberID] {
                    throw DomainError(.conflict, "the organisation's last active owner cannot be removed")
                }
                _ = try await GrantRepository.delete(tx, id: id)
                try await AuditTrail.record(
                    tx, identity, context: context, action: "grant.delete", resource: "grant", id: id, before: GrantDTO(grant))
                return JSONResponse.noContent()
            }
        }
    }
}
