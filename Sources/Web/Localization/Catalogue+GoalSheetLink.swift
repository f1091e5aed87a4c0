/// The strings of the goal sheet a client contact agrees to through their own link.
extension Catalogue {
    static let goalSheetLinkJapanese: [String: String] = [:]
    static let goalSheetLinkEnglish: [String: String] = [:]
}
