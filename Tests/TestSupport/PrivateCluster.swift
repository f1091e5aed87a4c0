import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Runs the script and returns its standard output.
    ///
    /// Not through Foundation's `Process`: on Linux its `waitUntilExit()` learns of the child's exit from SIGCHLD,
    /// and in the test process nothing receives that signal (the main thread, parked by libdispatch, leaves it
    /// unblocked and uncaught), so the call never returned and the script stayed a zombie. `waitpid` on the child's
    /// own id needs no signal.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TestSupportError("pipe failed: errno \(errno)") }
        // Close-on-exec (pipe2 is not imported): only the dup2'd descriptor 1 reaches the script, so the read end
        // sees EOF when it exits, not when some daemon it started does.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        // The child starts with no signals blocked or caught, whatever the spawning thread had.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([script] + arguments).map { strdup($0) }
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, script, &actions, &attributes, argv + [nil], envp + [nil])
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw TestSupportError("could not run \(script): errno \(spawned)")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 {
                output += buffer[..<n]
            } else if n == 0 || errno != EINTR {
                break
            }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            throw TestSupportError("pg-cluster \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
