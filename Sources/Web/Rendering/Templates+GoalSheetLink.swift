/// The templates of the goal sheet a client contact agrees to through their own link.
extension Templates {
    static let goalSheetLink: [(name: String, bytes: [UInt8])] = [
        ("gsl-page", PackageResources.gsl_page_mustache),
    ]
}
