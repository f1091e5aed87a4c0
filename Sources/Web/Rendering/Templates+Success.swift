/// The templates of success definitions, a customer's success status, the attainment report, and the tabs across the success pages.
extension Templates {
    static let success: [(name: String, bytes: [UInt8])] = [
        ("success-tabs", PackageResources.success_tabs_mustache),
        ("sdf-index", PackageResources.sdf_index_mustache),
        ("sdf-definition", PackageResources.sdf_definition_mustache),
        ("sdf-form", PackageResources.sdf_form_mustache),
        ("sdf-customer", PackageResources.sdf_customer_mustache),
    ]
}
