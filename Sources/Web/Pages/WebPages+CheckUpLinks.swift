import API
import Hummingbird

extension WebPages {
    /// The public pages of the check-up and NPS form a customer contact answers through their own link, and unsubscribing: no sign-in, the token in the path.
    static func registerCheckUpLinks(_ open: RouterGroup<AppRequestContext>, _ services: AppServices) {
    }
}
