import Domain
import Foundation

/// The tabs across one customer's pages (overview, health, timeline, contacts, tickets, contracts and revenue, NPS, success, process):
/// each shows only to a reader its page would not refuse, so support never sees a tab to contract values.
enum CustomerTabs {
    struct Tab: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    enum Page: String, Sendable {
        case overview = ""
        case health = "/health"
        case timeline = "/timeline"
        case contacts = "/contacts"
        case tickets = "/tickets"
        case revenue = "/revenue"
        case nps = "/nps"
        case success = "/success"
        case process = "/process"
    }

    static func tabs(_ reader: Reader, customer id: UUID, current: Page) -> [Tab] {
        var pages: [(String, Page)] = [("cust_tab_overview", .overview), ("cust_tab_health", .health), ("cust_tab_timeline", .timeline),
                                       ("cust_tab_contacts", .contacts), ("cust_tab_tickets", .tickets)]
        if reader.may(.readContractValues) { pages.append(("cust_tab_revenue", .revenue)) }
        pages += [("cust_tab_nps", .nps), ("cust_tab_success", .success), ("cust_tab_process", .process)]
        let base = "/customers/\(id.uuidString.lowercased())"
        return pages.map { Tab(label: reader.t[$0.0], href: base + $0.1.rawValue, current: $0.1 == current) }
    }
}
