import API
import Settings
import Foundation

/// The settings table shown by `--help`, from the same list the server validates.
enum SettingsHelp {
    static var text: String {
        let width = AppConfiguration.settings.map(\.environmentName.count).max() ?? 0
        let rows = AppConfiguration.settings.map { setting in
            setting.environmentName.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + "\(setting.meaning) [default: \(setting.defaultValue)]"
        }
        return "Settings (environment variables; a JSON file named by BANSO_CONFIG_FILE may hold the same keys, "
            + "nested, e.g. {\"database\": {\"url\": \"…\"}}; the environment wins):\n\n" + rows.joined(separator: "\n")
    }
}
