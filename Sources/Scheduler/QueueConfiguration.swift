/// A named queue and how many of its jobs one worker runs at once.
public struct QueueConfiguration: Sendable {
    public var name: String
    public var concurrency: Int
    /// At most this many running jobs of one org in the queue (across workers); nil: no limit.
    public var perOrg: Int?

    public init(name: String, concurrency: Int, perOrg: Int? = nil) {
        self.name = name
        self.concurrency = concurrency
        self.perOrg = perOrg
    }
}
