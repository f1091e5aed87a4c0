import Domain
import Foundation
import Hummingbird
import Store
import UseCases

/// What the support pages (the queue, a customer's tickets, a ticket's page) share: the filters as read from the
/// query and written back into links, a ticket as one row of the table, waiting times in words. Formatted in Swift so
/// that templates only place text.
enum TicketPageText {
    /// One ticket in the table.
    struct Row: Sendable {
        let href: String
        let title: String
        let customer: String
        let customerHref: String
        let priority: String
        let priorityClass: String
        let status: String
        let statusClass: String
        let product: String
        let opened: String
        let age: String
        let firstResponse: String
        let awaiting: Bool
        let reopens: String
        let csat: String
        let signal: Bool
    }

    /// The filters of the queue and of a customer's tickets, as the query gave them.
    struct Filter: Sendable {
        /// `open` (open and pending), `pending`, `resolved` (resolved and closed) or `all`.
        var status: String
        var priority: Ticket.Priority?
        var product: String?
        var source: String?
        var search: String?
        var customer: UUID?
        var signalOnly: Bool

        var active: Bool { priority != nil || product != nil || source != nil || search != nil || customer != nil || signalOnly }

        func repository(customer fixed: UUID?) -> TicketQueueRepository.Filter {
            var base = TicketRepository.Filter(customerID: fixed ?? customer, priorities: priority.map { [$0] }, product: product)
            switch status {
            case "open": base.open = true
            case "pending": base.statuses = [.pending]
            case "resolved": base.open = false
            default: break
            }
            if signalOnly { base.expansionSignal = true }
            return TicketQueueRepository.Filter(base: base, customerSearch: search.flatMap(CustomerSearch.normalise), source: source)
        }

        /// The query that gives this filter back, with `cursor` when paging on.
        func query(cursor: UUID? = nil, defaultStatus: String) -> String {
            var parts: [String] = []
            func add(_ name: String, _ value: String?) {
                guard let value else { return }
                parts.append("\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            if status != defaultStatus { add("status", status) }
            add("priority", priority?.rawValue)
            add("product", product)
            add("source", source)
            add("q", search)
            add("customer", customer?.uuidString.lowercased())
            if signalOnly { add("signal", "1") }
            add("cursor", cursor?.uuidString.lowercased())
            return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
        }
    }

    static let statusFilters = ["open", "pending", "resolved", "all"]

    static func filter(_ request: Request, defaultStatus: String) -> Filter {
        let query = request.uri.queryParameters
        func text(_ name: String) -> String? { query[name[...]].map(String.init).flatMap(CustomerPageText.text).map { String($0.prefix(200)) } }
        let status = text("status").flatMap { statusFilters.contains($0) ? $0 : nil } ?? defaultStatus
        return Filter(
            status: status, priority: text("priority").flatMap(Ticket.Priority.init(rawValue:)), product: text("product"),
            source: text("source"), search: text("q"), customer: text("customer").flatMap { UUID(uuidString: $0) },
            signalOnly: text("signal") == "1")
    }

    static func cursor(_ request: Request) -> UUID? {
        request.uri.queryParameters["cursor"].flatMap { UUID(uuidString: String($0)) }
    }

    /// The filter form's choices.
    struct FilterForm: Sendable {
        let statuses: [FormOption]
        let priorities: [FormOption]
        let products: [FormOption]
        let sources: [FormOption]
        let search: String
        let customer: String?
        let signalOnly: Bool
        let active: Bool
    }

    static func filterForm(_ filter: Filter, products: [String], sources: [String], defaultStatus: String, _ t: Catalogue) -> FilterForm {
        FilterForm(
            statuses: statusFilters.map { FormOption(value: $0, label: t["ctk_filter_status_\($0)"], selected: filter.status == $0) },
            priorities: [FormOption(value: "", label: t["ctk_filter_any"], selected: filter.priority == nil)]
                + Ticket.Priority.allCases.map { FormOption(value: $0.rawValue, label: priority($0, t), selected: filter.priority == $0) },
            products: [FormOption(value: "", label: t["ctk_filter_any"], selected: filter.product == nil)]
                + (products + (filter.product.map { products.contains($0) ? [] : [$0] } ?? []))
                .map { FormOption(value: $0, label: $0, selected: filter.product == $0) },
            sources: [FormOption(value: "", label: t["ctk_filter_any"], selected: filter.source == nil)]
                + (sources + (filter.source.map { sources.contains($0) ? [] : [$0] } ?? []))
                .map { FormOption(value: $0, label: source($0, t), selected: filter.source == $0) },
            search: filter.search ?? "", customer: filter.customer?.uuidString.lowercased(), signalOnly: filter.signalOnly,
            active: filter.active || filter.status != defaultStatus)
    }

    static func priority(_ p: Ticket.Priority, _ t: Catalogue) -> String { t["cust_priority_\(p.rawValue)"] }
    static func status(_ s: Ticket.Status, _ t: Catalogue) -> String { t["ctk_status_\(s.rawValue)"] }

    /// Banso's own tickets say so; an import's source is shown as it was named (zendesk, freshdesk…).
    static func source(_ s: String, _ t: Catalogue) -> String { s == "banso" ? t["ctk_source_banso"] : s }

    /// A span of time in words: minutes under an hour, hours under two days, days after.
    static func span(_ seconds: TimeInterval, _ t: Catalogue, _ f: PageFormat) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 60 { return t.format("ctk_span_minutes", ["count": f.number(Double(minutes))]) }
        let hours = minutes / 60
        if hours < 48 { return t.format("ctk_span_hours", ["count": f.number(Double(hours))]) }
        return t.format("ctk_span_days", ["count": f.number(Double(hours / 24))])
    }

    static func row(_ listed: TicketRepository.Listed, now: Date, t: Catalogue, f: PageFormat) -> Row {
        let k = listed.ticket
        let firstResponse: String
        var awaiting = false
        if let first = k.firstResponseAt {
            firstResponse = t.format("ctk_first_after", ["span": span(first.timeIntervalSince(k.openedAt), t, f)])
        } else if k.status.isOpen {
            awaiting = true
            firstResponse = t.format("ctk_awaiting_for", ["span": span(now.timeIntervalSince(k.openedAt), t, f)])
        } else {
            firstResponse = "–"
        }
        let lower = k.id.uuidString.lowercased()
        return Row(
            href: "/tickets/\(lower)", title: k.title, customer: listed.customerName,
            customerHref: "/customers/\(k.customerID.uuidString.lowercased())/tickets", priority: priority(k.priority, t),
            priorityClass: k.priority.rawValue, status: status(k.status, t), statusClass: k.status.rawValue, product: k.product ?? "–",
            opened: f.date(f.day(of: k.openedAt)),
            age: k.status.isOpen
                ? t.format("ctk_age_open", ["span": span(now.timeIntervalSince(k.openedAt), t, f)])
                : t.format("ctk_age_resolved", ["span": span((k.resolvedAt ?? now).timeIntervalSince(k.openedAt), t, f)]),
            firstResponse: firstResponse, awaiting: awaiting, reopens: f.number(Double(k.reopenCount)),
            csat: k.csat.map { t.format("ctk_csat_value", ["score": "\($0)"]) } ?? "–", signal: k.expansionSignal)
    }

    /// `2026-05-01T10:30`, as a `datetime-local` input shows an instant in the reader's zone.
    static func local(_ instant: Date?, zone: TimeZone) -> String {
        guard let instant else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02dT%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// A typed `datetime-local` value, or a refusal naming `field`; blank is nil.
    static func instant(_ text: String?, zone: TimeZone, field: String) throws -> Date? {
        guard let text = CustomerPageText.text(text) else { return nil }
        guard let instant = CustomerPage.instant(text, zone: zone) else { throw DomainError(.invalid, "ctk_error_when", field: field) }
        return instant
    }
}
