/// How a ``Database`` connects and how large its pool is.
public struct DatabaseConfiguration: Sendable {
    public var connection: ConnectionSettings
    /// The most connections open at once.
    public var poolSize: Int
    /// How long a task waits for a free connection before `poolTimeout`.
    public var acquireTimeout: Duration
    /// A connection idle for longer than this is pinged before it is lent out.
    public var healthCheckAfter: Duration

    public init(
        url: String, poolSize: Int = 10, acquireTimeout: Duration = .seconds(10),
        connectTimeout: Duration = .seconds(10), healthCheckAfter: Duration = .seconds(30),
        applicationName: String = "banso", sessionSettings: [(String, String)] = []
    ) {
        self.connection = ConnectionSettings(
            url: url, applicationName: applicationName, connectTimeout: connectTimeout,
            sessionSettings: sessionSettings)
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
        self.healthCheckAfter = healthCheckAfter
    }
}
