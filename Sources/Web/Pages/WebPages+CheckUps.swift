import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of check-ups and NPS surveys: questionnaires, team plans, settings, response rates.
    static func registerCheckUps(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
