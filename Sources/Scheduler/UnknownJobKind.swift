struct UnknownJobKind: Error, CustomStringConvertible {
    var kind: String
    var description: String { "no handler for job kind '\(kind)'" }
}
