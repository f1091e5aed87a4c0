/// The templates of the organization pages (positions, the org chart, transfers, notification preferences).
extension Templates {
    static let organization: [(name: String, bytes: [UInt8])] = [
        ("org-chart", PackageResources.org_chart_mustache),
        ("org-position", PackageResources.org_position_mustache),
        ("org-transfers", PackageResources.org_transfers_mustache),
        ("org-transfer", PackageResources.org_transfer_mustache),
        ("org-preferences", PackageResources.org_preferences_mustache),
    ]
}
