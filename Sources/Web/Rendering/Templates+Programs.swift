/// The templates of success programs.
extension Templates {
    static let programs: [(name: String, bytes: [UInt8])] = [

    ]
}
