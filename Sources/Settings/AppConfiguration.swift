public import Logging
public import Mail
import Configuration
public import Foundation
public import Domain
public import Credentials
import SystemPackage

/// Every setting of the server, read from `BANSO_*` environment variables and, optionally, a JSON file named by
/// `BANSO_CONFIG_FILE` (the same keys, nested: `{"database": {"url": "…"}, "port": 8080}`); the environment wins.
///
/// Values are validated here, at start, so a typo stops the server with a message naming the variable instead
/// of silently falling back to a default.
public struct AppConfiguration: Sendable {
    public var databaseURL: String?
    /// The URL migrations run with (`BANSO_MIGRATION_DATABASE_URL`): the schema owner's, while serve and worker
    /// connect as a login role that owns nothing. Unset: the database URL.
    public var migrationDatabaseURL: String?
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    public var poolSize: Int
    public var poolTimeout: Duration
    public var migrateOnStart: Bool
    public var maxBodyBytes: Int
    public var migrationsDirectory: String?
    /// Whether `serve` also runs the job worker and schedule ticker (`banso worker` runs them on their own).
    public var worker: Bool
    /// Jobs of one queue a worker runs at once.
    public var workerConcurrency: Int
    /// Seconds a claimed job is held before another worker may take it over (heartbeats extend it).
    public var jobsLease: Int
    /// Seconds between a worker's polls when nothing wakes it.
    public var jobsPoll: Int
    /// The SMTP relay (`smtp://user:pass@host:587?security=starttls`, `smtps://…`); nil: mail is recorded, not sent.
    public var smtp: SMTPConfiguration?
    /// The sender of Banso's mail.
    public var mailFrom: MailAddress = try! MailAddress("noreply@banso.localhost", displayName: "Banso")
    /// Where people open Banso: the base of links in mail.
    public var publicURL: String = "http://localhost:8080"
    /// Whether connections tenants configure (webhooks, org mail relays) may reach private and loopback addresses,
    /// use `http` and any port: for on-premises deployments and the test suite's local receivers. Off by default.
    public var allowPrivateEgress = false
    /// The deployment's key for secrets stored to be used again (`BANSO_SECRET_KEY`, older keys in
    /// `BANSO_SECRET_KEYS_PREVIOUS`); `serve` and `worker` need it.
    public var secretBox: SecretBox?
    /// Seconds a session may go unused before it ends, inside its 12 hours.
    public var sessionIdle = 7200
    /// Where `/metrics` listens: its own address and port, never the public one (port 0: no metrics listener).
    public var metricsHost = "127.0.0.1"
    public var metricsPort = 9464
    /// A bearer token the scraper must present, if set.
    public var metricsToken: String?
    /// Proxies whose `X-Forwarded-For` names the client (CIDR blocks); none by default.
    public var trustedProxies: [AddressPrefix] = []

    /// The policy for connections tenants configure.
    public var egress: EgressPolicy { allowPrivateEgress ? .allowingPrivate : .strict }

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public init(
        databaseURL: String? = nil, host: String = "127.0.0.1", port: Int = 8080, logLevel: Logger.Level = .info,
        logFormat: LogFormat = .text, poolSize: Int = 10, poolTimeout: Duration = .seconds(10),
        migrateOnStart: Bool = false, maxBodyBytes: Int = 1 << 20, migrationsDirectory: String? = nil, worker: Bool = false,
        workerConcurrency: Int = 10, jobsLease: Int = 30, jobsPoll: Int = 1
    ) {
        self.jobsLease = jobsLease
        self.jobsPoll = jobsPoll
        self.worker = worker
        self.workerConcurrency = workerConcurrency
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.poolSize = poolSize
        self.poolTimeout = poolTimeout
        self.migrateOnStart = migrateOnStart
        self.maxBodyBytes = maxBodyBytes
        self.migrationsDirectory = migrationsDirectory
    }

    /// A setting: its key (`database.url` is `BANSO_DATABASE_URL`), default and meaning. The `--help` text, the
    /// README table and `deploy/banso.env.example` describe these.
    public struct Setting: Sendable {
        public let key: String
        public let defaultValue: String
        public let meaning: String
        public var environmentName: String { "BANSO_" + key.uppercased().replacingOccurrences(of: ".", with: "_") }
    }

    public static let settings: [Setting] = [
        Setting(key: "database.url", defaultValue: "(none)", meaning: "libpq URL of the PostgreSQL database (required)"),
        Setting(key: "migration.database.url", defaultValue: "(the database URL)", meaning: "libpq URL migrations run with — the schema owner's; serve and worker then connect as a role that owns nothing (deploy/roles.sql)"),
        Setting(key: "host", defaultValue: "127.0.0.1", meaning: "address the HTTP server listens on"),
        Setting(key: "port", defaultValue: "8080", meaning: "TCP port the HTTP server listens on"),
        Setting(key: "log.level", defaultValue: "info", meaning: "trace, debug, info, notice, warning, error or critical"),
        Setting(key: "log.format", defaultValue: "text", meaning: "text (one key=value line per event) or json"),
        Setting(key: "db.pool.size", defaultValue: "10", meaning: "most database connections per process"),
        Setting(key: "db.pool.timeout", defaultValue: "10", meaning: "seconds a request waits for a free connection"),
        Setting(key: "migrate.on.start", defaultValue: "false", meaning: "apply pending migrations when serve starts"),
        Setting(key: "max.body.bytes", defaultValue: "1048576", meaning: "largest request body accepted (413 beyond)"),
        Setting(key: "migrations.dir", defaultValue: "(found)", meaning: "directory of the sql/ migrations; found next to the binary or in the working directory when unset"),
        Setting(key: "worker", defaultValue: "false", meaning: "also run the job worker and schedule ticker inside serve"),
        Setting(key: "jobs.concurrency", defaultValue: "10", meaning: "jobs of one queue a worker runs at once"),
        Setting(key: "jobs.lease", defaultValue: "30", meaning: "seconds a claimed job is held before another worker may take it over"),
        Setting(key: "jobs.poll", defaultValue: "1", meaning: "seconds between a worker's polls when nothing wakes it"),
        Setting(key: "smtp.url", defaultValue: "(none)", meaning: "SMTP relay for mail, e.g. smtp://user:pass@mail.example:587?security=starttls or smtps://…:465; unset: mail is recorded but not sent"),
        Setting(key: "mail.from", defaultValue: "Banso <noreply@banso.localhost>", meaning: "sender of Banso's mail: an address, or Name <address>"),
        Setting(key: "public.url", defaultValue: "http://localhost:8080", meaning: "the address people open Banso at, for links in mail"),
        Setting(key: "allow.private.egress", defaultValue: "false", meaning: "let webhooks and org mail relays reach private, loopback and link-local addresses, plain http and any port (on-premises only)"),
        Setting(key: "secret.key", defaultValue: "(none; required by serve and worker)", meaning: "<key id>:<base64 of 32 random bytes> sealing webhook secrets and URLs and org relay passwords at rest (AES-256-GCM); make one with `banso secrets generate-key`"),
        Setting(key: "secret.keys.previous", defaultValue: "(none)", meaning: "comma-separated older keys (same form), still read until `banso secrets rotate` has re-sealed everything"),
        Setting(key: "session.idle", defaultValue: "7200", meaning: "seconds a signed-in session may go unused before it ends (inside its 12 hours)"),
        Setting(key: "metrics.host", defaultValue: "127.0.0.1", meaning: "address the /metrics listener binds to (its own, never the API's)"),
        Setting(key: "metrics.port", defaultValue: "9464", meaning: "TCP port of the /metrics listener; 0 turns it off"),
        Setting(key: "metrics.token", defaultValue: "(none)", meaning: "if set, a scrape needs Authorization: Bearer <token>"),
        Setting(key: "trusted.proxies", defaultValue: "(none)", meaning: "comma-separated CIDR blocks of reverse proxies whose X-Forwarded-For names the client (for per-address limits); unset: the header is ignored"),
        Setting(key: "config.file", defaultValue: "(none)", meaning: "optional JSON file with the same keys, nested; the environment wins"),
    ]

    /// Reads and validates the configuration.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> AppConfiguration
    {
        var providers: [any ConfigProvider] = [EnvironmentVariablesProvider(environmentVariables: environment)]
        if let file = environment["BANSO_CONFIG_FILE"], !file.isEmpty {
            do {
                let provider = try await FileProvider<JSONSnapshot>(filePath: FilePath(file))
                // The file's keys have no `banso` prefix: drop it from lookups that reach the file.
                providers.append(
                    provider.mapKeys { key in
                        var key = key
                        if key.components.first == "banso" { key.components.removeFirst() }
                        return key
                    })
            } catch {
                throw ConfigurationError(problems: ["BANSO_CONFIG_FILE: cannot read \(file) as JSON (\(error))"])
            }
        }
        return try AppConfiguration(reader: ConfigReader(providers: providers).scoped(to: "banso"))
    }

    init(reader: ConfigReader) throws {
        self.init()
        var problems: [String] = []
        func raw(_ key: String) -> String? {
            let configKey = ConfigKey(key.split(separator: ".").map(String.init))
            if let value = reader.string(forKey: configKey) { return value.trimmingCharacters(in: .whitespaces) }
            if let value = reader.int(forKey: configKey) { return String(value) }
            if let value = reader.bool(forKey: configKey) { return String(value) }
            return nil
        }
        func name(_ key: String) -> String { "BANSO_" + key.uppercased().replacingOccurrences(of: ".", with: "_") }
        func integer(_ key: String, in range: ClosedRange<Int>, what: String) -> Int? {
            guard let text = raw(key) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                problems.append("\(name(key)): \"\(text)\" is not \(what) (\(range.lowerBound)–\(range.upperBound))")
                return nil
            }
            return value
        }

        if let url = raw("database.url"), !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.contains("=") {
                databaseURL = url
            } else {
                problems.append("BANSO_DATABASE_URL: expected a libpq URL such as postgres://user@host:5432/db")
            }
        }
        if let url = raw("migration.database.url"), !url.isEmpty {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") || url.contains("=") {
                migrationDatabaseURL = url
            } else {
                problems.append("BANSO_MIGRATION_DATABASE_URL: expected a libpq URL such as postgres://banso_owner@host:5432/db")
            }
        }
        if let host = raw("host") {
            if host.isEmpty || host.contains(" ") {
                problems.append("BANSO_HOST: \"\(host)\" is not a host name or address")
            } else {
                self.host = host
            }
        }
        if let port = integer("port", in: 1...65535, what: "a TCP port") { self.port = port }
        if let level = raw("log.level") {
            if let parsed = Logger.Level(rawValue: level.lowercased()) {
                logLevel = parsed
            } else {
                problems.append("BANSO_LOG_LEVEL: \"\(level)\" is not one of trace, debug, info, notice, warning, error, critical")
            }
        }
        if let format = raw("log.format") {
            if let parsed = LogFormat(rawValue: format.lowercased()) {
                logFormat = parsed
            } else {
                problems.append("BANSO_LOG_FORMAT: \"\(format)\" is not text or json")
            }
        }
        if let size = integer("db.pool.size", in: 1...1000, what: "a pool size") { poolSize = size }
        if let seconds = integer("db.pool.timeout", in: 1...3600, what: "a number of seconds") {
            poolTimeout = .seconds(seconds)
        }
        if let text = raw("migrate.on.start") {
            switch text.lowercased() {
            case "true", "1", "yes", "on": migrateOnStart = true
            case "false", "0", "no", "off", "": migrateOnStart = false
            default: problems.append("BANSO_MIGRATE_ON_START: \"\(text)\" is not true or false")
            }
        }
        if let seconds = integer("session.idle", in: 60...43200, what: "a number of seconds") { sessionIdle = seconds }
        if let text = raw("secret.key"), !text.isEmpty {
            do {
                var previous: [SecretBox.Key] = []
                for entry in (raw("secret.keys.previous") ?? "").split(separator: ",") {
                    previous.append(try SecretBox.Key(parsing: entry.trimmingCharacters(in: .whitespaces)))
                }
                secretBox = SecretBox(current: try SecretBox.Key(parsing: text), previous: previous)
            } catch {
                // Never echo the value: it is the key.
                problems.append("BANSO_SECRET_KEY / BANSO_SECRET_KEYS_PREVIOUS: \(error.description)")
            }
        }
        if let host = raw("metrics.host") {
            if host.isEmpty || host.contains(" ") { problems.append("BANSO_METRICS_HOST: \"\(host)\" is not a host name or address") } else {
                metricsHost = host
            }
        }
        if let port = integer("metrics.port", in: 0...65535, what: "a TCP port, or 0 for none") { metricsPort = port }
        if let token = raw("metrics.token"), !token.isEmpty {
            if token.count < 16 { problems.append("BANSO_METRICS_TOKEN: at least 16 characters") } else { metricsToken = token }
        }
        if let text = raw("trusted.proxies"), !text.isEmpty {
            switch AddressPrefix.list(text) {
            case .success(let prefixes): trustedProxies = prefixes
            case .failure(let error): problems.append("BANSO_TRUSTED_PROXIES: \"\(error.entry)\" is not an address or CIDR block")
            }
        }
        if let text = raw("allow.private.egress") {
            switch text.lowercased() {
            case "true", "1", "yes", "on": allowPrivateEgress = true
            case "false", "0", "no", "off", "": allowPrivateEgress = false
            default: problems.append("BANSO_ALLOW_PRIVATE_EGRESS: \"\(text)\" is not true or false")
            }
        }
        if let text = raw("worker") {
            switch text.lowercased() {
            case "true", "1", "yes", "on": worker = true
            case "false", "0", "no", "off", "": worker = false
            default: problems.append("BANSO_WORKER: \"\(text)\" is not true or false")
            }
        }
        if let count = integer("jobs.concurrency", in: 1...1000, what: "a number of jobs") { workerConcurrency = count }
        if let seconds = integer("jobs.lease", in: 1...3600, what: "a number of seconds") { jobsLease = seconds }
        if let seconds = integer("jobs.poll", in: 1...300, what: "a number of seconds") { jobsPoll = seconds }
        if let bytes = integer("max.body.bytes", in: 1024...(1 << 30), what: "a size in bytes") { maxBodyBytes = bytes }
        if let directory = raw("migrations.dir"), !directory.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue {
                migrationsDirectory = directory
            } else {
                problems.append("BANSO_MIGRATIONS_DIR: \(directory) is not a directory")
            }
        }
        if let url = raw("smtp.url"), !url.isEmpty {
            do { smtp = try SMTPConfiguration(url: url) } catch { problems.append("BANSO_SMTP_URL: \(error.message)") }
        }
        if let from = raw("mail.from"), !from.isEmpty {
            if let address = Self.mailAddress(from) { mailFrom = address } else {
                problems.append("BANSO_MAIL_FROM: \"\(from)\" is not an address or Name <address>")
            }
        }
        if let url = raw("public.url"), !url.isEmpty {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("BANSO_PUBLIC_URL: \"\(url)\" is not an http(s) URL")
            }
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }

    /// `address` or `Name <address>`.
    static func mailAddress(_ text: String) -> MailAddress? {
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let name = text[..<open].trimmingCharacters(in: .whitespaces)
            let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            return try? MailAddress(address, displayName: name.isEmpty ? nil : name)
        }
        return try? MailAddress(text)
    }

    /// The migrations directory: the configured one, else `share/banso/sql` beside the binary, else `./sql`.
    public func resolvedMigrationsDirectory() throws -> URL {
        if let migrationsDirectory { return URL(fileURLWithPath: migrationsDirectory) }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            binary.appendingPathComponent("../share/banso/sql").standardized,
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("sql"),
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate
        }
        throw ConfigurationError(problems: [
            "BANSO_MIGRATIONS_DIR: no sql/ directory found (looked in \(candidates.map(\.path).joined(separator: ", ")))"
        ])
    }

    /// The database URL, or an error saying it is required.
    public func requireSecretBox() throws -> SecretBox {
        guard let secretBox else {
            throw ConfigurationError(problems: [
                "BANSO_SECRET_KEY is required: it seals webhook secrets and relay passwords at rest. Make one with `banso secrets generate-key`"
            ])
        }
        return secretBox
    }

    public func requireDatabaseURL() throws -> String {
        guard let databaseURL else {
            throw ConfigurationError(problems: ["BANSO_DATABASE_URL is required (a libpq URL such as postgres://banso@127.0.0.1:5432/banso)"])
        }
        return databaseURL
    }
}

/// The configuration is invalid; every problem is listed, each naming its variable.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
