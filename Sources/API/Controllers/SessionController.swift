import Foundation
import Hummingbird
import HTTPTypes
import Store
import UseCases

/// The caller's own session: signing out. (Signing in is public, in ``AuthController``.)
struct SessionController: RouteCollection {
    let store: Store

    var routes: [Route<AuthenticatedContext>] {
        [
            Route(.post, "/v1/auth/logout", id: "logout",
                  summary: "End the current session (API tokens are revoked with DELETE /v1/tokens/{id}: 400)", tag: "auth",
                  responses: [204: ("Signed out", nil)], problems: [400], handler: logout),
        ]
    }

    @Sendable func logout(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let credential = context.identity.credential
        guard credential.kind == .session else {
            throw Problem(status: .badRequest, code: "not_a_session", detail: "API tokens are revoked with DELETE /v1/tokens/{id}")
        }
        try await store.tenant(context) { tx, _ in try await CredentialRepository.revokeSession(tx, id: credential.id) }
        return JSONResponse.noContent()
    }
}
