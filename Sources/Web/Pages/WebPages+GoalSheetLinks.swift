import API
import Hummingbird

extension WebPages {
    /// The public pages of the goal sheet a client contact agrees to through their own link: no sign-in, the token in the path.
    static func registerGoalSheetLinks(_ open: RouterGroup<AppRequestContext>, _ services: AppServices) {
        let pages = GoalSheetLinkPages(services: services)
        open.get("/g/{token}") { request, context in try await pages.show(request, context) }
        open.post("/g/{token}") { request, context in try await pages.agree(request, context) }
    }
}
