/// The templates of check-ups and NPS surveys.
extension Templates {
    static let checkUps: [(name: String, bytes: [UInt8])] = [
        ("cku-index", PackageResources.cku_index_mustache),
        ("cku-template", PackageResources.cku_template_mustache),
        ("cku-template-archive", PackageResources.cku_template_archive_mustache),
        ("cku-plan", PackageResources.cku_plan_mustache),
        ("cku-settings", PackageResources.cku_settings_mustache),
        ("cku-nps-form", PackageResources.cku_nps_form_mustache),
        ("cku-nps", PackageResources.cku_nps_mustache),
        ("cku-nps-send", PackageResources.cku_nps_send_mustache),
    ]
}
