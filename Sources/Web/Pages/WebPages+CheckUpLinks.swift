import API
import Hummingbird

extension WebPages {
    /// The public pages of the check-up and NPS form a customer contact answers through their own link, and unsubscribing: no sign-in, the token in the path.
    static func registerCheckUpLinks(_ open: RouterGroup<AppRequestContext>, _ services: AppServices) {
        let pages = CheckUpLinkPages(services: services)
        open.get("/c/{token}") { request, context in try await pages.show(request, context) }
        open.post("/c/{token}") { request, context in try await pages.submit(request, context) }
        open.get("/u/{token}") { request, context in try await pages.confirmUnsubscribe(request, context) }
        open.post("/u/{token}") { request, context in try await pages.unsubscribe(request, context) }
    }
}
