/// The templates of the operations pages (webhooks, schedules, closure days, goal settings, notification cap, mail relay, audit log, jobs).
extension Templates {
    static let operations: [(name: String, bytes: [UInt8])] = [
        ("ops-webhooks", PackageResources.ops_webhooks_mustache),
        ("ops-webhook", PackageResources.ops_webhook_mustache),
        ("ops-closures", PackageResources.ops_closures_mustache),
        ("ops-audit", PackageResources.ops_audit_mustache),
        ("ops-jobs", PackageResources.ops_jobs_mustache),
        ("ops-mail-relay", PackageResources.ops_mail_relay_mustache),
        ("ops-goal-settings", PackageResources.ops_goal_settings_mustache),
        ("ops-notifications", PackageResources.ops_notifications_mustache),
        ("ops-schedules", PackageResources.ops_schedules_mustache),
    ]
}
