/// The templates of check-ups and NPS surveys.
extension Templates {
    static let checkUps: [(name: String, bytes: [UInt8])] = [

    ]
}
