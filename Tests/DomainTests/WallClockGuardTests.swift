import Foundation
import Testing

/// Issue 9's guard: the wall clock is read in one place, the clock given to the server, the worker and the CLI
/// (`AppClock`), so every test can say what "now" is and means the same on any date. A read anywhere else — in
/// the sources or in a test — fails here with the file and line.
@Suite struct WallClockGuardTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The named exceptions, with why each may keep its own reading.
    static let allowed: [String: String] = [
        "Sources/Store/Clock/AppClock.swift": "the clock's own implementation",
        "Sources/banso/Logging/StderrLogHandler.swift": "a log line's timestamp is when it was written",
        "Sources/Mail/MailMessage.swift": "a message's Date: header defaults to when it was rendered",
        "Sources/Store/UUIDv7.swift": "a v7 id orders by actual creation, not by the business clock",
        "Tests/DomainTests/WallClockGuardTests.swift": "this file names the patterns it looks for",
    ]

    /// Swift ways of reading the wall clock. (ContinuousClock and SuspendingClock measure durations, not dates.)
    static let swiftReads = [
        #"\bDate\(\)"#, #"\bDate\.now\b"#, #"\bDate\.init\(\)"#, #"timeIntervalSinceNow"#, #"Date\(timeIntervalSinceNow"#,
        #"CFAbsoluteTimeGetCurrent"#, #"\bDate\.timeIntervalSinceReferenceDate\b"#, #"\bgettimeofday\b"#, #"\bclock_gettime\b"#, #"\btime\(nil\)"#, #"DispatchWallTime"#,
    ]

    /// SQL ways of reading PostgreSQL's clock instead of the transaction's pinned instant (`banso_now()`).
    static let sqlReads = [
        #"(?<![A-Za-z_])now\(\)"#, #"(?i)\bcurrent_timestamp\b"#, #"(?i)\bcurrent_date\b"#, #"(?i)\blocaltimestamp\b"#,
        #"(?i)\bclock_timestamp\(\)"#, #"(?i)\bstatement_timestamp\(\)"#, #"(?i)\btransaction_timestamp\(\)"#,
    ]

    func files(under folder: String, ext: String) -> [String] {
        let base = Self.root.appendingPathComponent(folder)
        guard let walk = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return walk.compactMap { $0 as? String }.filter { $0.hasSuffix(".\(ext)") }.map { "\(folder)/\($0)" }.sorted()
    }

    func offences(in paths: [String], patterns: [String], skipComments: Bool = true) throws -> [String] {
        let regexes = try patterns.map { try NSRegularExpression(pattern: $0) }
        var found: [String] = []
        for path in paths where Self.allowed[path] == nil {
            let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = String(line)
                let trimmed = code.trimmingCharacters(in: .whitespaces)
                if skipComments && (trimmed.hasPrefix("//") || trimmed.hasPrefix("--")) { continue }
                let range = NSRange(code.startIndex..., in: code)
                if regexes.contains(where: { $0.firstMatch(in: code, range: range) != nil }) {
                    found.append("\(path):\(number + 1): \(trimmed)")
                }
            }
        }
        return found
    }

    @Test func noSwiftCodeReadsTheWallClockOutsideTheClock() throws {
        let paths = files(under: "Sources", ext: "swift") + files(under: "Tests", ext: "swift")
        #expect(paths.count > 100, "the guard must see the sources")
        let found = try offences(in: paths, patterns: Self.swiftReads)
        #expect(found.isEmpty, "read the time from the clock (AppClock, store.now, TestClock) instead:\n\(found.joined(separator: "\n"))")
    }

    /// Banso's SQL — the Store's, any other module's, the tests' — and the migrations after 0014 (which made every
    /// default `banso_now()`) take "now" from the transaction, so a test's pinned instant reaches every SQL decision
    /// too. (The Database module and its tests know nothing of Banso's schema, and keep PostgreSQL's clock.)
    @Test func noSQLReadsPostgreSQLsClockDirectly() throws {
        let store = ["Sources/Store", "Sources/Scheduler", "Sources/API", "Sources/banso", "Tests/APITests", "Tests/SchedulerTests"]
            .flatMap { files(under: $0, ext: "swift") }
        let migrations = files(under: "sql", ext: "sql").filter { name in
            let number = Int(name.dropFirst("sql/".count).prefix(4)) ?? 0
            return number > 14
        }
        #expect(!store.isEmpty)
        let found = try offences(in: store + migrations, patterns: Self.sqlReads)
        #expect(found.isEmpty, "use banso_now() in SQL:\n\(found.joined(separator: "\n"))")
    }

    /// The guard itself: each pattern catches what it is meant to.
    @Test func thePatternsCatchWallClockReads() throws {
        let samples = ["let t = Date()", "x.timeIntervalSinceNow", "Date.now", "SELECT now()", "DEFAULT CURRENT_TIMESTAMP"]
        let patterns = Self.swiftReads + Self.sqlReads
        for sample in samples {
            let range = NSRange(sample.startIndex..., in: sample)
            #expect(try patterns.contains { try NSRegularExpression(pattern: $0).firstMatch(in: sample, range: range) != nil }, "\(sample)")
        }
        let innocent = "SELECT banso_now()"
        #expect(try !Self.sqlReads.contains {
            try NSRegularExpression(pattern: $0).firstMatch(in: innocent, range: NSRange(innocent.startIndex..., in: innocent)) != nil
        })
    }
}
