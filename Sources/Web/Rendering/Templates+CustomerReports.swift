/// The templates of the customer reports (the renewals calendar, GRR/NRR with its breakdown and trend, ticket metrics, health distribution).
extension Templates {
    static let customerReports: [(name: String, bytes: [UInt8])] = [
        ("report-health-model", PackageResources.report_health_model_mustache),
        ("report-chart", PackageResources.report_chart_mustache),
        ("report-tabs", PackageResources.report_tabs_mustache),
        ("report-health", PackageResources.report_health_mustache),
        ("report-retention", PackageResources.report_retention_mustache),
        ("report-renewals", PackageResources.report_renewals_mustache),
        ("report-tickets", PackageResources.report_tickets_mustache),
        ("report-problem-fields", PackageResources.report_problem_fields_mustache),
        ("report-problems", PackageResources.report_problems_mustache),
        ("report-problem", PackageResources.report_problem_mustache),
    ]
}
