// swift-tools-version:6.1
import PackageDescription

// Layers (DESIGN.md §2), arrows one way:
// courtsync → CourtSyncCLI → {Transport, Reports, SampleData} → Replication → Store → Model.
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
            dependencies: ["CourtSyncModel", "CourtSyncReplication"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncReports",
            dependencies: ["CourtSyncModel", "CourtSyncStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncSampleData",
            dependencies: ["CourtSyncModel"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncCLI",
            dependencies: [
                "CourtSyncModel", "CourtSyncStore", "CourtSyncReplication", "CourtSyncTransport",
                "CourtSyncReports", "CourtSyncSampleData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
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
            dependencies: ["CourtSyncModel", "CourtSyncStore", "CourtSyncSampleData"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CourtSyncTestSupport",
            dependencies: ["CourtSyncModel", "CourtSyncStore", "CourtSyncSampleData"],
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
            dependencies: ["CourtSyncReplication", "CourtSyncTransport", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncSampleDataTests",
            dependencies: ["CourtSyncSampleData", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CourtSyncCLITests",
            dependencies: ["CourtSyncCLI", "CourtSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
