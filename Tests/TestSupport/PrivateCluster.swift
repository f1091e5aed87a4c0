import Foundation

/// A PostgreSQL cluster of a test's own, for tests that restart or stop the server: the shared cluster must never
/// go down under the other tests. Made through `scripts/pg-cluster`, which `scripts/test` names in
/// `BANSO_TEST_PG_CLUSTER_SCRIPT`.
public final class PrivateCluster: Sendable {
    public let directory: String
    public let url: String
    let script: String

    public init() throws {
        guard let script = ProcessInfo.processInfo.environment["BANSO_TEST_PG_CLUSTER_SCRIPT"] else {
            throw TestSupportError("BANSO_TEST_PG_CLUSTER_SCRIPT is not set: run the tests with scripts/test")
        }
        self.script = script
        directory = "/tmp/banso-private-\(UUID().uuidString.prefix(8))"
        url = try Self.run(script, ["start", directory]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func restart() throws { _ = try Self.run(script, ["restart", directory]) }
    public func stop() throws { _ = try Self.run(script, ["stop", directory]) }
    public func start() throws { _ = try Self.run(script, ["start", directory]) }

    /// Stops the cluster and removes its files.
    public func destroy() {
        _ = try? Self.run(script, ["stop", directory])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSupportError("pg-cluster \(arguments.joined(separator: " ")) failed (\(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
