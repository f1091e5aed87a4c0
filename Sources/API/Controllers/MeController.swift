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
struct MeController: RouteCollection {
    let store: Store

    struct MeDTO: Encodable, Sendable {
        var member: MemberDTO
        var org: Organization
        var grants: [GrantDTO]
        var permissions: [String]
        var credential: CredentialDTO
    }
    struct CredentialDTO: Encodable, Sendable {
        var kind: String
        var id: UUID
        var scopes: [String]?
    }

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.get, "/v1/me", id: "me", summary: "The caller: member, org, grants, effective permissions", tag: "auth",
                  responses: [200: ("Me", Schema.object(["member": MemberController.schema, "org": OrgController.schema,
                                                         "grants": Schema.array(GrantController.schema),
                                                         "permissions": Schema.array(Schema.enumeration(Permission.self)),
                                                         "credential": Schema.object(["kind": Schema.enumeration(Credential.Kind.self), "id": Schema.uuid,
                                                                                      "scopes": Schema.nullable(Schema.array(Schema.enumeration(TokenScope.self)))])]))],
                  handler: me),
        ]
    }

    /// One statement after authentication's one: no transaction framing for a read one statement answers.
    @Sendable func me(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let identity = context.identity
        guard let profile = try await store.read(context, { tx, _ in try await MemberProfile.load(tx, member: identity.memberID) })
        else { throw Problem.unauthorized("the member no longer exists") }
        return try JSONResponse.make(
            MeDTO(
                member: .init(profile.member), org: profile.org, grants: profile.grants.map(GrantDTO.init),
                permissions: identity.authorizer.effectivePermissions(identity.actor).map(\.rawValue),
                credential: CredentialDTO(
                    kind: identity.credential.kind.rawValue, id: identity.credential.id,
                    scopes: identity.credential.scopes.map { $0.map(\.rawValue).sorted() })))
    }
}
