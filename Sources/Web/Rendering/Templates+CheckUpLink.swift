/// The templates of the check-up and NPS form a customer contact answers through their own link, and unsubscribing.
extension Templates {
    static let checkUpLink: [(name: String, bytes: [UInt8])] = [
        ("cul-page", PackageResources.cul_page_mustache),
    ]
}
