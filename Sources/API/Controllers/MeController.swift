import Logging
import Database
import HTTPTypes
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `GET /v1/me`: who the caller is — member, organisation, grants and what they may do — so a client can shape
/// its screens without trial and error.
struct MeController {
    let store: Store

    struct MeDTO: Encodable, Sendable {
        var member: MemberController.MemberDTO
        var org: OrgController.OrgDTO
        var grants: [GrantController.GrantDTO]
        var permissions: [String]
        var credential: CredentialDTO
    }
    struct CredentialDTO: Encodable, Sendable {
        var kind: String
        var id: UUID
        var scopes: [String]?
    }

    static let operations: [OpenAPIOperation] = [
        OpenAPIOperation("GET", "/v1/me", id: "me", summary: "The caller: member, org, grants, effective permissions", tag: "auth",
                         responses: [200: ("Me", Schema.object(["member": MemberController.schema, "org": OrgController.schema,
                                                                "grants": Schema.array(GrantController.schema),
                                                                "permissions": Schema.array(Schema.string),
                                                                "credential": Schema.object(["kind": Schema.string, "id": Schema.uuid,
                                                                                             "scopes": Schema.nullable(Schema.array(Schema.string))])]))]),
    ]

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("/v1/me") { _, context in
            let identity = try context.requireIdentity()
            let (member, org, grants) = try await store.tenant(identity.orgID) { tx in
                (
                    try await MemberRepository.get(tx, id: identity.memberID),
                    try await OrganizationRepository.current(tx),
                    try await GrantRepository.forMember(tx, member: identity.memberID)
                )
            }
            guard let member, let org else { throw Problem.unauthorized("the member no longer exists") }
            return try JSONResponse.make(
                MeDTO(
                    member: .init(member), org: .init(org), grants: grants.map(GrantController.GrantDTO.init),
                    permissions: identity.authorizer.effectivePermissions(identity.actor).map(\.rawValue),
                    credential: CredentialDTO(
                        kind: identity.credential.kind.rawValue, id: identity.credential.id,
                        scopes: identity.credential.scopes.map { $0.map(\.rawValue).sorted() })))
        }
    }
}
