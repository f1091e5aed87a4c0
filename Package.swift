// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "banso",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "banso", targets: ["banso"]),
        .library(name: "Database", targets: ["Database"]),
    ],
    dependencies: [
        // Traits named explicitly: SwiftPM otherwise reorders default-trait flags and rebuilds Hummingbird on re-plan.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["ConfigurationSupport"]),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["JSON"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // FilePath, which swift-configuration's file provider takes.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // SHA-256 of tokens and secure random token bytes.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // bcrypt for member passwords (HummingbirdBcrypt only).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Named for NIOCore/NIOHTTP1 types the HTTP client's API uses (already in the graph through Hummingbird).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Outbound webhooks (and, later, other HTTP peers): the Swift server HTTP client.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // RFC 4180 CSV for exports Excel opens (and, later, imports).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // STARTTLS and SMTPS for the SMTP client in Mail (already in the graph through async-http-client).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Templates for the web pages: the Hummingbird project's Mustache, which escapes HTML by default and supports
        // layout inheritance and partials (issue 12 rules out Stencil and Plot for their escaping).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // gzip for the pages (zlib on NIO ByteBuffers; what hummingbird-compression builds on): a 2,000-goal tree is
        // 1.2 MB of repetitive HTML that gzip makes about a tenth of that.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "Database",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Domain",
            swiftSettings: strict
        ),
        .target(
            name: "Store",
            dependencies: ["Database", "Domain"],
            swiftSettings: strict
        ),
        .target(
            // Tokens, passwords and the key that seals tenants' secrets: what every layer that issues or checks a
            // credential shares, with no I/O of its own beyond bcrypt on NIO's blocking pool.
            name: "Credentials",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            // The deployment's settings (environment, file, flags), read once by the executable and handed down.
            name: "Settings",
            dependencies: [
                "Domain", "Mail", "Credentials",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            // The demo organisation `banso demo` and `scripts/run` create.
            name: "Demo",
            dependencies: ["UseCases", "Store", "Database", "Domain", "Credentials", "Scheduler", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .target(
            name: "Scheduler",
            dependencies: [
                // UseCases: the customer jobs (imports, health runs) act through the same checked use cases as a request.
                "Store", "Database", "Domain", "Mail", "Credentials", "Settings", "UseCases",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                // NIOThreadPool: the egress check's getaddrinfo blocks, and must not on Swift's cooperative threads.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            // What a request does beyond HTTP — submit a check-in, review it, assign, transfer — with its permission
            // checks, so the JSON routes, the pages, jobs and the CLI call the same code.
            name: "UseCases",
            // CSV: imports parse uploaded files with CSV.swift and exports write with it, here so every adapter shares them.
            dependencies: [
                "Store", "Database", "Domain", "Credentials", .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "API",
            dependencies: [
                "UseCases", "Settings", "Credentials", "Store", "Database", "Domain", "Scheduler", "Mail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strict
        ),
        .target(
            // The pages people work in: server-rendered HTML beside the JSON API, calling the same use cases.
            name: "Web",
            dependencies: [
                "API", "UseCases", "Scheduler", "Mail", "Settings", "Credentials", "Store", "Database", "Domain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Templates"), .embedInCode("Assets")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "banso",
            dependencies: [
                "API", "Web", "Settings", "Demo", "UseCases", "Credentials", "Database", "Scheduler", "Store", "Domain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "banso-bench",
            // Scheduler and ArgumentParser: the job queue's benchmark drives the JobWorker (it used to be a hidden
            // command of the server binary, which could TRUNCATE the job table of whatever URL it was given).
            dependencies: [
                "Database", "Store", "Domain", "Scheduler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/BansoBench",
            swiftSettings: strict
        ),
        .target(
            name: "Mail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // TLSUserEvent: STARTTLS waits for the handshake before the next command.
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Database", "Store", "Credentials", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: strict),
        .testTarget(name: "DatabaseTests", dependencies: ["Database", "TestSupport"], swiftSettings: strict),
        // Repository-level tests: row-level security, tenant transactions, authentication, keyset pages.
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Database", "Domain", "UseCases", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "SchedulerTests",
            dependencies: [
                "Scheduler", "Credentials", "Settings", "Store", "Database", "Domain", "TestSupport", "Mail",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "MailTests",
            dependencies: [
                "Mail", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            // The SMTP server the tests start (run by Python, not bundled).
            exclude: ["Resources"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "Web", "UseCases", "Settings", "Credentials", "Demo", "Database", "TestSupport", "Store", "Domain", "Scheduler", "Mail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
