import CourtSyncModel
import Foundation
import GRDB
import Logging

/// A node's database: one SQLite file in WAL mode holding the synced tables, the change log and
/// the node's identity. The only type outside this module that sees SQL is none: callers get
/// plain values back.
public final class NodeStore: Sendable {
    /// File name of the database inside a node's data directory.
    public static let databaseFileName = "courtsync.sqlite"

    public let path: String
    public let identity: NodeIdentity
    let pool: DatabasePool
    let logger: Logger
    /// Injected wall clock (milliseconds since 1970), so tests can step time back.
    let wallClock: @Sendable () -> Int64
    let maxDriftMilliseconds: Int64

    /// Schema version of this build, exchanged with peers.
    public static var schemaVersion: Int { Migrations.schemaVersion }

    private init(
        path: String, pool: DatabasePool, identity: NodeIdentity, logger: Logger,
        wallClock: @escaping @Sendable () -> Int64, maxDriftMilliseconds: Int64
    ) {
        self.path = path
        self.pool = pool
        self.identity = identity
        self.logger = logger
        self.wallClock = wallClock
        self.maxDriftMilliseconds = maxDriftMilliseconds
    }

    static func openPool(path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            if let c = ProcessInfo.processInfo.environment["CACHE"] { try db.execute(sql: "PRAGMA cache_size = -\(c)") }
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try Migrations.migrator.migrate(pool)
        return pool
    }

    /// Creates a new node database at `path`. Fails if one exists.
    public static func create(
        at path: String, identity: NodeIdentity, logger: Logger = Logger(label: "courtsync.store"),
        wallClock: @escaping @Sendable () -> Int64 = HybridLogicalClock.systemWallClock
    ) throws -> NodeStore {
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError.alreadyInitialised(path: path)
        }
        do {
            let pool = try openPool(path: path)
            // Personal data: readable by the node's user only.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO sync_node (id, node_id, role, court_code, created_at) VALUES (1, ?, ?, ?, ?)",
                    arguments: [identity.nodeID, identity.role.rawValue, identity.courtCode,
                                ISO8601DateFormatter().string(from: Date())])
            }
            logger.debug("node created", metadata: ["node": "\(identity.nodeID)", "path": "\(path)"])
            return NodeStore(path: path, pool: pool, identity: identity, logger: logger,
                             wallClock: wallClock, maxDriftMilliseconds: 5 * 60 * 1000)
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? "\(error.resultCode)")
        }
    }

    /// Opens an existing node database.
    public static func open(
        at path: String, logger: Logger = Logger(label: "courtsync.store"),
        wallClock: @escaping @Sendable () -> Int64 = HybridLogicalClock.systemWallClock,
        maxDriftMilliseconds: Int64 = 5 * 60 * 1000
    ) throws -> NodeStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.notInitialised(path: path)
        }
        do {
            let pool = try openPool(path: path)
            let identity = try pool.read { db -> NodeIdentity? in
                guard let row = try Row.fetchOne(db, sql: "SELECT node_id, role, court_code FROM sync_node") else {
                    return nil
                }
                let role = NodeRole(rawValue: row["role"]) ?? .district
                return NodeIdentity(nodeID: row["node_id"], role: role, courtCode: row["court_code"])
            }
            guard let identity else { throw StoreError.notInitialised(path: path) }
            return NodeStore(path: path, pool: pool, identity: identity, logger: logger,
                             wallClock: wallClock, maxDriftMilliseconds: maxDriftMilliseconds)
        } catch let error as DatabaseError {
            throw StoreError.database(error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `body` in one write transaction with change capture. Everything `body` writes is
    /// captured in the same transaction; if it throws, nothing is written and nothing recorded.
    @discardableResult
    public func write<T>(capture: Bool = true, _ body: (ChangeWriter) throws -> T) throws -> T {
        try translatingErrors {
            try pool.write { db in
                let writer = try ChangeWriter(db: db, store: self, capture: capture)
                let result = try body(writer)
                try writer.finish()
                return result
            }
        }
    }

    /// Runs a read in a consistent snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.read(body) }
    }

    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            // Drop SQL and arguments: they may hold personal data.
            throw StoreError.database(error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// The node's clock state and local change count, for status displays.
    public func clockState() throws -> (hlc: HLCTimestamp, localChanges: Int64) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT hlc, origin_seq FROM sync_node")!
            return (HLCTimestamp(rawValue: row["hlc"]), row["origin_seq"])
        }
    }
}
