import Hummingbird
import Settings
import Store

/// Check-ups (定期検診) and NPS campaigns: templates, team settings, sends, response rates, mail opt-outs and bounces.
extension APIRoutes {
    static func checkUpRoutes(_ services: AppServices) -> [any RouteCollection<AuthenticatedContext>] {
        let store = services.store, publicURL = services.configuration.publicURL
        return [
            CheckUpTemplateController(store: store), CheckUpSettingsController(store: store),
            CheckUpSendController(store: store, publicURL: publicURL), NPSCampaignController(store: store, publicURL: publicURL),
            ContactMailController(store: store), ResponseRateController(store: store),
        ]
    }
}
