import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of success programs: templates, enrolments, goal sheets, sessions, hour budgets.
    static func registerPrograms(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
