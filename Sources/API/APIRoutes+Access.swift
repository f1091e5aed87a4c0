import Hummingbird
import Settings
import Store

/// Signing in and out, invitations, password resets and their pages.
extension APIRoutes {
    static func publicAccess(_ services: AppServices) -> [any RouteCollection<AppRequestContext>] {
        let store = services.store
        let clientAddress = ClientAddress(trustedProxies: services.configuration.trustedProxies)
        let invitations = InvitationAcceptanceController(store: store, passwords: services.passwords)
        let resets = PasswordResetController(store: store, clientAddress: clientAddress, passwords: services.passwords)
        return [
            AuthController(store: store, clientAddress: clientAddress, passwords: services.passwords),
            invitations,
            resets,
            SecretLinkRedirectController(),
        ]
    }

    static func accessRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store
        let publicURL = services.configuration.publicURL
        return [
            SessionController(store: store),
            InvitationController(store: store, publicURL: publicURL),
            MemberPasswordResetController(store: store, publicURL: publicURL),
        ]
    }

}
