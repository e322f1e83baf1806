// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md §2), arrows one way:
// courtsync → CourtSyncCLI → {Transport, Reports, SampleData} → Replication → Store → Model
// (SampleData needs only Store, to write generated records).
// scripts/check-imports.sh keeps each target's imports to its allow-list.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6)
]

let package = Package(
    name: "courtsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "courtsync", targets: ["courtsync"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Transport (DESIGN.md §2, §7). Hummingbird's default traits pull in swift-configuration,
        // which courtsync does not use: traits are switched off to keep the build lean.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // peers/ files and the node configuration are YAML, so operators can comment them.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "CourtSyncModel",
            resources: [.copy("Resources/courts.tsv"), .copy("Resources/case_types.tsv")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncStore",
            dependencies: [
                "CourtSyncModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncReplication",
            dependencies: ["CourtSyncModel", "CourtSyncStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncTransport",
            dependencies: [
                "CourtSyncModel", "CourtSyncStore", "CourtSyncReplication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncReports",
            dependencies: ["CourtSyncModel", "CourtSyncStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncSampleData",
            dependencies: ["CourtSyncModel", "CourtSyncStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncCLI",
            dependencies: [
                "CourtSyncModel", "CourtSyncStore", "CourtSyncReplication", "CourtSyncTransport",
                "CourtSyncReports", "CourtSyncSampleData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "courtsync",
            dependencies: ["CourtSyncCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "courtsync-bench",
            dependencies: [
                "CourtSyncModel", "CourtSyncStore", "CourtSyncSampleData", "CourtSyncReplication",
                "CourtSyncTransport", "CourtSyncReports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncTestSupport",
            dependencies: [
                "CourtSyncModel", "CourtSyncStore", "CourtSyncReplication", "CourtSyncSampleData", "CourtSyncTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncModelTests",
            dependencies: ["CourtSyncModel", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncStoreTests",
            dependencies: [
                "CourtSyncStore", "CourtSyncSampleData", "CourtSyncTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncReplicationTests",
            dependencies: ["CourtSyncReplication", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncTransportTests",
            dependencies: [
                "CourtSyncTransport", "CourtSyncCLI", "CourtSyncTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncSampleDataTests",
            dependencies: ["CourtSyncSampleData", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncReportsTests",
            dependencies: [
                "CourtSyncReports", "CourtSyncSampleData", "CourtSyncTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncCLITests",
            dependencies: ["CourtSyncCLI", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
