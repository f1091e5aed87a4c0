public import Foundation

/// Who asks, and under which request: what every use case takes besides its tenant transaction. The request id
/// goes into audit entries, so a change can be traced to the request that made it.
public struct Caller: Sendable {
    public let identity: Identity
    public let requestID: String
    /// The instant the request acts at (the store's clock), for event timestamps.
    public let now: Date

    public init(identity: Identity, requestID: String, now: Date) {
        self.identity = identity
        self.requestID = requestID
        self.now = now
    }
}
