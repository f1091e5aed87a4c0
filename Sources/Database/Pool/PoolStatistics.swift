/// A snapshot of the pool, for `/metrics` and `/readyz`.
public struct PoolStatistics: Sendable, Equatable {
    /// Open (or opening) connections.
    public var open: Int
    /// Connections lent out right now.
    public var inUse: Int
    public var idle: Int
    /// Tasks waiting for a connection.
    public var waiters: Int
    public var maximum: Int
}
