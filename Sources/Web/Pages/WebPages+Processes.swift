import API
import Hummingbird

extension WebPages {
    /// The routes of the pages of standard processes: versions with their RACI, adoption per company, a customer's process, the reports.
    static func registerProcesses(_ pages: RouterGroup<AuthenticatedContext>, _ services: AppServices) {
    }
}
