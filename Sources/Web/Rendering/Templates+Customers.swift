/// The templates of the customer pages (the list with saved views, a customer's page with its health and why, imports).
extension Templates {
    static let customers: [(name: String, bytes: [UInt8])] = [
        ("customer-list", PackageResources.customer_list_mustache),
        ("customer-form", PackageResources.customer_form_mustache),
        ("customer-page", PackageResources.customer_page_mustache),
        ("customer-tabs", PackageResources.customer_tabs_mustache),
        ("customer-why", PackageResources.customer_why_mustache),
        ("customer-health", PackageResources.customer_health_mustache),
        ("customer-timeline", PackageResources.customer_timeline_mustache),
        ("customer-imports", PackageResources.customer_imports_mustache),
        ("customer-import", PackageResources.customer_import_mustache),
    ]
}
