import Foundation

/// The tabs across the success pages — definitions and attainment, programs, check-ups, standard processes — which
/// all sit under the menu's one "Success" entry (their pages pass `/success` as the menu's current page).
enum SuccessTabs {
    struct Tab: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    enum Page: String, Sendable, CaseIterable {
        case definitions = "/success"
        case programs = "/programs"
        case checkUps = "/check-ups"
        case processes = "/processes"

        var key: String {
            switch self {
            case .definitions: "suc_tab_definitions"
            case .programs: "suc_tab_programs"
            case .checkUps: "suc_tab_check_ups"
            case .processes: "suc_tab_processes"
            }
        }
    }

    /// The menu entry every success page marks as current.
    static let menu = "/success"

    static func tabs(_ reader: Reader, current: Page) -> [Tab] {
        Page.allCases.map { Tab(label: reader.t[$0.key], href: $0.rawValue, current: $0 == current) }
    }
}
