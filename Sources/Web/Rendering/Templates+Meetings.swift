/// The templates of meetings: bodies, a series, an occurrence's page.
extension Templates {
    static let meetings: [(name: String, bytes: [UInt8])] = [
        ("mtg-index", PackageResources.mtg_index_mustache),
        ("mtg-body", PackageResources.mtg_body_mustache),
        ("mtg-body-form", PackageResources.mtg_body_form_mustache),
        ("mtg-meeting", PackageResources.mtg_meeting_mustache),
    ]
}
