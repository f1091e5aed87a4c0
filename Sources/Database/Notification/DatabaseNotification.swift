/// A message delivered by PostgreSQL's `NOTIFY`.
public struct DatabaseNotification: Sendable, Equatable {
    public var channel: String
    public var payload: String
    /// The server process that sent it.
    public var processID: Int32
}
