/// The templates of standard processes.
extension Templates {
    static let processes: [(name: String, bytes: [UInt8])] = [

    ]
}
