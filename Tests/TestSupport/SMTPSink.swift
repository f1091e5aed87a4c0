public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server for one test: `Resources/smtp_sink.py` (aiosmtpd) as a child process on a loopback port the
/// kernel picks. It keeps every message it accepts, with its envelope and what Python's `email` package reads in
/// it, in a temporary directory that ``deliveries()`` reads back.
///
/// Python is `BANSO_TEST_PYTHON` (`scripts/test` points it at a venv with aiosmtpd) or else `python3` on PATH.
public struct SMTPSink: Sendable {
    public let port: Int
    /// The self-signed certificate of `--starttls`/`--tls` (for 127.0.0.1 and localhost), to trust in the client.
    public let certificate: String?
    public let spool: URL

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts the sink with `options` (see the script: `--starttls`, `--tls`, `--auth USER:PASSWORD`,
    /// `--auth-without-tls`), runs `body`, and stops it whatever happens.
    public static func with<T>(_ options: [String] = [], _ body: (SMTPSink) async throws -> T) async throws -> T {
        let spool = FileManager.default.temporaryDirectory.appendingPathComponent("banso-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: spool) }
        let logURL = spool.appendingPathComponent("sink.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }

        let process = Process()
        let python = ProcessInfo.processInfo.environment["BANSO_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        if let python {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [script.path, spool.path] + options
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, spool.path] + options
        }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // SIGTERM, then SIGKILL if it is still there after five seconds: a stuck sink must not hang the suite.
        func stop() {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        let ready: (port: Int, certificate: String?)
        do {
            ready = try await waitUntilReady(spool: spool, process: process, log: logURL, python: python ?? "python3")
        } catch {
            stop()
            throw error
        }
        let sink = SMTPSink(port: ready.port, certificate: ready.certificate, spool: spool)
        do {
            let result = try await body(sink)
            stop()
            return result
        } catch {
            stop()
            throw error
        }
    }

    /// Found from the package root, so this file can move (to TestSupport, say) without breaking the path.
    private static var script: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/",
              !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("Tests/MailTests/Resources/smtp_sink.py")
    }

    private static func waitUntilReady(
        spool: URL, process: Process, log: URL, python: String
    ) async throws -> (port: Int, certificate: String?) {
        struct Ready: Decodable {
            var port: Int
            var cert: String?
        }
        let file = spool.appendingPathComponent("ready.json")
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let data = try? Data(contentsOf: file) {
                let ready = try JSONDecoder().decode(Ready.self, from: data)
                return (ready.port, ready.cert)
            }
            if !process.isRunning {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                throw Failure(description: """
                    the SMTP sink (\(python) \(script.path)) exited with status \(process.terminationStatus) before \
                    listening. Run the tests through scripts/test, which installs aiosmtpd and sets BANSO_TEST_PYTHON.
                    \(output)
                    """)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "the SMTP sink did not start listening within 20 s")
    }

    /// A message the sink accepted.
    public struct Delivery: Decodable, Sendable {
        public var mailFrom: String
        public var mailOptions: [String]
        public var rcptTos: [String]
        /// Whether the session had switched to TLS with STARTTLS (aiosmtpd does not count SMTPS).
        public var tls: Bool
        public var authenticated: Bool
        public var login: String?
        public var message: Parsed
        /// The bytes received after DATA, dot-stuffing undone.
        public var raw: Data = Data()

        enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", mailOptions = "mail_options", rcptTos = "rcpt_tos", tls, authenticated, login
            case message
        }
    }

    /// What Python's `email` package (policy.default) made of the message.
    public struct Parsed: Decodable, Sendable {
        public struct Mailbox: Decodable, Equatable, Sendable {
            public var displayName: String
            public var address: String
            public init(displayName: String, address: String) {
                self.displayName = displayName
                self.address = address
            }
            enum CodingKeys: String, CodingKey { case displayName = "display_name", address }
        }
        public var subject: String?
        public var from: [Mailbox]?
        public var to: [Mailbox]?
        public var replyTo: [Mailbox]?
        public var contentType: String
        public var text: String?
        public var html: String?
        public var headers: [[String]]
        public var defects: [String]

        enum CodingKeys: String, CodingKey {
            case subject, from, to, replyTo = "reply_to", contentType = "content_type", text, html, headers, defects
        }

        public func header(_ name: String) -> String? {
            headers.first { $0.first?.lowercased() == name.lowercased() }?.last
        }
    }

    /// The messages accepted so far, in order.
    public func deliveries() throws -> [Delivery] {
        let names = try FileManager.default.contentsOfDirectory(atPath: spool.path)
            .filter { $0.hasSuffix(".json") && $0 != "ready.json" }.sorted()
        return try names.map { name in
            let url = spool.appendingPathComponent(name)
            var delivery = try JSONDecoder().decode(Delivery.self, from: Data(contentsOf: url))
            delivery.raw = try Data(contentsOf: url.deletingPathExtension().appendingPathExtension("eml"))
            return delivery
        }
    }
}
