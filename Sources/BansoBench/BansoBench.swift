// banso-bench: the Swift half of `scripts/bench`. Each subcommand prints one line of JSON that the script reads.
import ArgumentParser
import Database
import Foundation

@main
struct BansoBench {
    static func main() async throws {
        let args = CommandLine.arguments.dropFirst()
        // The job queue's benchmark parses its own arguments.
        if args.first == "bench-scheduler" {
            await BenchScheduler.main(Array(args.dropFirst()))
            return
        }
        guard let command = args.first else {
            fail("usage: banso-bench db-select|db-pipeline|goals-tree --url URL [--tasks N] [--seconds S] [--statements N] [--org ID --company ID --period P --requests N]")
        }
        var options: [String: String] = [:]
        var it = args.dropFirst().makeIterator()
        while let key = it.next() {
            guard key.hasPrefix("--"), let value = it.next() else { fail("bad argument \(key)") }
            options[String(key.dropFirst(2))] = value
        }
        guard let url = options["url"] else { fail("--url is required") }
        switch command {
        case "db-select":
            try await selectBenchmark(
                url: url, tasks: Int(options["tasks"] ?? "8")!, seconds: Double(options["seconds"] ?? "10")!,
                onIOExecutor: (options["executor"] ?? "io") == "io")
        case "db-pipeline":
            try await pipelineBenchmark(url: url, statements: Int(options["statements"] ?? "1000")!)
        case "goals-tree":
            guard let org = options["org"].flatMap(UUID.init(uuidString:)),
                let company = options["company"].flatMap(UUID.init(uuidString:))
            else { fail("--org and --company are required") }
            try await GoalTreeBenchmark.run(
                url: url, org: org, company: company, period: options["period"] ?? "FY2026",
                requests: Int(options["requests"] ?? "300")!)
        default:
            fail("unknown command \(command)")
        }
    }

    /// The same statement `pgbench -S` runs, by primary key, through the pool, one task per connection.
    /// `onIOExecutor`: the tasks prefer the database's I/O thread as their executor (no hop per statement);
    /// otherwise they run on the default cooperative pool.
    static func selectBenchmark(url: String, tasks: Int, seconds: Double, onIOExecutor: Bool) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: tasks))
        let accounts = try await db.query("SELECT count(*) FROM pgbench_accounts").scalar(Int.self) ?? 0
        guard accounts > 0 else { fail("pgbench_accounts is empty: run pgbench -i first") }
        // Warm every connection and its prepared statement before measuring.
        try await withThrowingTaskGroup(of: Void.self) { group in
            let executors = db.executors
            for task in 0..<tasks {
                group.addTask(executorPreference: onIOExecutor ? executors[task % executors.count] : nil) {
                    for _ in 0..<50 {
                        _ = try await db.query(
                            "SELECT abalance FROM pgbench_accounts WHERE aid = \(Int.random(in: 1...accounts))")
                    }
                }
            }
            try await group.waitForAll()
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let perTask: [[Int64]] = try await withThrowingTaskGroup(of: [Int64].self) { group in
            let executors = db.executors
            for task in 0..<tasks {
                group.addTask(executorPreference: onIOExecutor ? executors[task % executors.count] : nil) {
                    var latencies: [Int64] = []
                    latencies.reserveCapacity(Int(seconds) * 100_000 / max(tasks, 1) + 1024)
                    // pgbench draws its keys with a cheap PRNG too; the system generator costs a syscall per draw.
                    var generator = SplitMix64(seed: UInt64.random(in: 1...UInt64.max))
                    while ContinuousClock.now < deadline {
                        let aid = Int.random(in: 1...accounts, using: &generator)
                        let start = ContinuousClock.now
                        let row = try await db.query("SELECT abalance FROM pgbench_accounts WHERE aid = \(aid)")
                        _ = try row.scalar(Int.self)
                        let elapsed = ContinuousClock.now - start
                        latencies.append(elapsed.components.attoseconds / 1_000_000_000 + elapsed.components.seconds * 1_000_000_000)
                    }
                    return latencies
                }
            }
            var all: [[Int64]] = []
            for try await latencies in group { all.append(latencies) }
            return all
        }
        var latencies = perTask.flatMap { $0 }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1000
        }
        let qps = Double(latencies.count) / seconds
        print(String(format: "{\"qps\":%.1f,\"p50_us\":%.1f,\"p99_us\":%.1f}", qps, percentile(0.5), percentile(0.99)))
        db.close()
    }

    /// N inserts sent one by one (N round trips) against the same N in one pipeline (one round trip).
    static func pipelineBenchmark(url: String, statements: Int) async throws {
        let db = Database(configuration: DatabaseConfiguration(url: url, poolSize: 1))
        try await db.query("CREATE TABLE IF NOT EXISTS bench_pipeline (id bigint, note text)")
        func timed(_ body: () async throws -> Void) async throws -> Double {
            try await db.query("TRUNCATE bench_pipeline")
            let start = ContinuousClock.now
            try await body()
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        }
        var oneByOne = Double.infinity
        var pipelined = Double.infinity
        for _ in 0..<3 {
            oneByOne = min(oneByOne, try await timed {
                try await db.withConnection { connection in
                    for i in 0..<statements {
                        try await connection.execute("INSERT INTO bench_pipeline (id, note) VALUES (\(i), \("row \(i)"))")
                    }
                }
            })
            pipelined = min(pipelined, try await timed {
                try await db.withConnection { connection in
                    _ = try await connection.batch((0..<statements).map {
                        "INSERT INTO bench_pipeline (id, note) VALUES (\($0), \("row \($0)"))"
                    })
                }
            })
        }
        let count = try await db.query("SELECT count(*) FROM bench_pipeline").scalar(Int.self) ?? 0
        guard count == statements else { fail("pipeline inserted \(count) rows, expected \(statements)") }
        try await db.query("DROP TABLE bench_pipeline")
        print(String(format: "{\"one_by_one_ms\":%.2f,\"pipeline_ms\":%.2f}", oneByOne, pipelined))
        db.close()
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// A small, fast PRNG for choosing keys.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
