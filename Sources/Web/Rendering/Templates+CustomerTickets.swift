/// The templates of support tickets: the queue, a customer's tickets, a ticket's page.
extension Templates {
    static let customerTickets: [(name: String, bytes: [UInt8])] = [
        ("ctk-queue", PackageResources.ctk_queue_mustache),
        ("ctk-customer", PackageResources.ctk_customer_mustache),
        ("ctk-ticket", PackageResources.ctk_ticket_mustache),
        ("ctk-table", PackageResources.ctk_table_mustache),
        ("ctk-filter", PackageResources.ctk_filter_mustache),
    ]
}
