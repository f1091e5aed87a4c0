import Logging
import Settings
import Foundation
import Mustache

/// The page templates, compiled into the binary (SwiftPM's `embedInCode`), so a deployment is one file and a
/// template cannot go missing at run time. Adding a template means adding its file and a line here; a test checks
/// that every file in `Templates/` is listed.
enum Templates {
    static let sources: [(name: String, bytes: [UInt8])] = core + directory + operations + organization + customers
        + customerReports + customerRecords + customerTickets + customerRevenue + meetings + goalSheetLink + checkUpLink
        + success + programs + checkUps + processes

    static let core: [(name: String, bytes: [UInt8])] = [
        ("layout", PackageResources.layout_mustache),
        ("login", PackageResources.login_mustache),
        ("home", PackageResources.home_mustache),
        ("goal-tree", PackageResources.goal_tree_mustache),
        ("goal", PackageResources.goal_mustache),
        ("new-goal-form", PackageResources.new_goal_form_mustache),
        ("goal-manage", PackageResources.goal_manage_mustache),
        ("accountabilities", PackageResources.accountabilities_mustache),
        ("inbox", PackageResources.inbox_mustache),
        ("reviews", PackageResources.reviews_mustache),
        ("me", PackageResources.me_mustache),
        ("dashboards", PackageResources.dashboards_mustache),
        ("error", PackageResources.error_mustache),
        ("account-link", PackageResources.account_link_mustache),
        ("forgot-password", PackageResources.forgot_password_mustache),
    ]

    /// Every template, parsed once at start; a template that does not parse stops the server from starting.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, bytes) in sources {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()
}
