import API
import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// `/customers/{id}/timeline`: the whole timeline, 50 at a time (keyset), with the same filters and search as the
/// customer page's card.
struct CustomerTimelinePage: Sendable {
    let store: Store

    struct Model: Sendable {
        let chrome: Chrome
        let t: [String: String]
        let tabs: [CustomerTabs.Tab]
        let id: String
        let name: String
        let title: String
        let entries: [CustomerPage.Entry]
        let empty: Bool
        let filter: CustomerPage.TimelineFilter
        let next: String?
    }

    func show(_ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let id = try CustomerPageText.id(context.parameters.get("id"))
        let cursor = request.uri.queryParameters["cursor"].flatMap { UUID(uuidString: String($0)) }
        let model = try await store.tenant(context) { tx, caller in
            let reader = try await Reader.load(tx, caller)
            let t = reader.t
            let customer = try await Customers(tx, caller).get(id)
            let filter = CustomerPage.timelineFilter(request)
            let page = try await Timeline(tx, caller).list(customer: id, filter, after: cursor, limit: 50)
            let names = try await MemberRepository.displayNames(tx)
            let title = t.format("cust_timeline_title", ["name": customer.name])
            let lower = id.uuidString.lowercased()
            return Model(
                chrome: reader.chrome(title: title, current: "/customers", page: request.uri.description), t: t.strings,
                tabs: CustomerTabs.tabs(reader, customer: id, current: .timeline), id: lower,
                name: customer.name, title: title,
                entries: page.items.map { CustomerPage.entry($0.entry, names: names, t: t, f: reader.format) }, empty: page.items.isEmpty,
                filter: CustomerPage.timelineFilterForm(filter, t),
                next: page.nextCursor.map { CustomerPage.timelineLink(customer: lower, filter, cursor: $0) })
        }
        return PageResponse.render("customer-timeline", model)
    }
}
