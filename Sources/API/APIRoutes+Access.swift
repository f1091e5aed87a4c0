import Hummingbird
import Store

/// Signing in and out, invitations, password resets and their pages.
extension APIRoutes {
    static func publicAccess(_ services: AppServices) -> [any RouteCollection<AppRequestContext>] { [] }

    static func accessRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] { [] }

    static var legacyAccessOperations: [OpenAPIOperation] {
        AuthController.operations + InvitationController.operations + PasswordResetController.operations
            + SecretLinkPagesController.operations
    }

    static func registerLegacyAccess(_ services: AppServices, router: Router<AppRequestContext>, protected: RouterGroup<AppRequestContext>) {
        let store = services.store
        let clientAddress = ClientAddress(trustedProxies: services.configuration.trustedProxies)
        AuthController(store: store, clientAddress: clientAddress, passwords: services.passwords).register(on: protected)
        let invitations = InvitationController(store: store, passwords: services.passwords, publicURL: services.configuration.publicURL)
        invitations.register(on: protected)
        let resets = PasswordResetController(
            store: store, publicURL: services.configuration.publicURL, clientAddress: clientAddress, passwords: services.passwords)
        resets.register(on: protected)
        SecretLinkPagesController(invitations: invitations, resets: resets).register(on: router)
    }
}
