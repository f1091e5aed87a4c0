/// The templates of a customer's contracts, monthly revenue and NPS responses.
extension Templates {
    static let customerRevenue: [(name: String, bytes: [UInt8])] = [
        ("crev-revenue", PackageResources.crev_revenue_mustache),
        ("crev-contract-fields", PackageResources.crev_contract_fields_mustache),
        ("crev-nps", PackageResources.crev_nps_mustache),
    ]
}
