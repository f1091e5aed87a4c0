/// The templates of the operations pages (webhooks, schedules, closure days, goal settings, notification cap, mail relay, audit log, jobs).
extension Templates {
    static let operations: [(name: String, bytes: [UInt8])] = []
}
