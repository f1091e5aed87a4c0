/// The templates of success programs.
extension Templates {
    static let programs: [(name: String, bytes: [UInt8])] = [
        ("prg-index", PackageResources.prg_index_mustache),
        ("prg-template", PackageResources.prg_template_mustache),
        ("prg-enrol", PackageResources.prg_enrol_mustache),
        ("prg-enrolment", PackageResources.prg_enrolment_mustache),
        ("prg-bar", PackageResources.prg_bar_mustache),
    ]
}
