public import Hummingbird

/// What every Banso request context carries, public or authenticated: the request's id for logs, audit entries
/// and problem answers.
public protocol BansoContext: RequestContext {
    var requestID: String { get }
}

extension AppRequestContext: BansoContext {}
extension AuthenticatedContext: BansoContext {}
