/// The templates of standard processes.
extension Templates {
    static let processes: [(name: String, bytes: [UInt8])] = [
        ("prc-index", PackageResources.prc_index_mustache),
        ("prc-steps", PackageResources.prc_steps_mustache),
        ("prc-process", PackageResources.prc_process_mustache),
        ("prc-form", PackageResources.prc_form_mustache),
        ("prc-version", PackageResources.prc_version_mustache),
        ("prc-report", PackageResources.prc_report_mustache),
        ("prc-customer", PackageResources.prc_customer_mustache),
    ]
}
