import CourtSyncModel
import Foundation
import GRDB

/// Writes to synced tables inside one transaction and captures each write as a change record
/// in the same transaction (DESIGN.md §4): one change-log row per row write, carrying the changed
/// columns; field versions kept in the row's `_v` column.
///
/// Get one from ``NodeStore/write(capture:_:)``. With `capture: false` (benchmarks only) rows are
/// written without versions or log rows, to measure what capture costs.
public final class ChangeWriter {
    let db: Database
    let store: NodeStore
    let capture: Bool
    var clock: HybridLogicalClock
    /// Last origin sequence number this node has used.
    var originSequence: Int64
    private let initialClock: HLCTimestamp
    private let initialSequence: Int64
    var statements: [StatementKey: RawStatement] = [:]
    /// Change-log rows not yet written (see ``flushLog()``).
    var pendingLog: [PendingLogRow] = []
    /// Remote changes applied in this transaction, for dedupe before their log rows are written.
    var pendingRemote: Set<OriginSequence> = []
    /// Per table: whether it has any tombstone (checked once per transaction), so that inserts into
    /// a table without deletions skip the tombstone lookup.
    var tablesWithTombstones: [String: Bool] = [:]

    /// Field policies for merges (and for local writes, which must obey them too).
    public var policy: MergePolicy

    /// When this transaction began, as ISO 8601 text, for the conflict log.
    lazy var transactionTime: String = ISO8601DateFormatter().string(from: Date())

    /// Whether any conflict is open (nil until first needed in this transaction).
    var openConflicts: Bool?

    /// Conflicts recorded in this transaction.
    public internal(set) var conflictsRecorded = 0

    /// Changes recorded as this node's own in this transaction.
    public private(set) var localChanges = 0

    public var nodeID: String { store.identity.nodeID }

    init(db: Database, store: NodeStore, capture: Bool) throws {
        self.db = db
        self.store = store
        self.capture = capture
        let row = try Row.fetchOne(db, sql: "SELECT hlc, origin_seq FROM sync_node")!
        initialClock = HLCTimestamp(rawValue: row["hlc"])
        initialSequence = row["origin_seq"]
        originSequence = initialSequence
        policy = MergePolicy(registryOwners: store.identity.role == .bar ? [store.identity.nodeID] : [])
        clock = HybridLogicalClock(
            last: initialClock, maxDriftMilliseconds: store.maxDriftMilliseconds, wallClock: store.wallClock)
    }

    /// Persists the clock and the origin sequence with the transaction.
    func finish() throws {
        try flushLog()
        guard clock.last != initialClock || originSequence != initialSequence else { return }
        try db.execute(
            sql: "UPDATE sync_node SET hlc = ?, origin_seq = ?",
            arguments: [clock.last.rawValue, originSequence])
    }

    // MARK: Local writes

    /// Inserts a new row. Fails with ``StoreError/alreadyExists(table:key:)`` if the key exists.
    public func insert(into tableName: String, _ fields: FieldSet) throws {
        let table = try Self.table(tableName)
        let (values, mask) = try Self.values(fields, in: table)
        let key = try Self.key(values, in: table)
        let version = nextVersion()
        var previous: [Int: FieldVersion] = [:]
        if capture, try mayHaveTombstones(table), let tombstone = try tombstone(table, key) {
            // Recreating a deleted row: the tombstone stays as the floor below which older writes
            // to the row are dropped, here as on every other node.
            for i in table.columns.indices { previous[i] = tombstone }
        }
        let versions = capture ? FieldVersions.encoded(uniform: version) : nil
        do {
            try writeRow(table, key: key, insert: true, mask: mask, values: values, versions: versions)
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
            || error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
        {
            throw StoreError.alreadyExists(table: table.name, key: key)
        }
        if capture {
            try appendLog(table, key: key, op: .insert, version: version, sequence: originSequence,
                          mask: mask, values: values, previous: previous, local: true,
                          caseNumber: Self.caseNumber(table, values, nil))
            localChanges += 1
        }
    }

    /// Updates the given columns of an existing row. Columns whose value does not change are not
    /// recorded; returns false (and records nothing) when nothing changed.
    @discardableResult
    public func update(_ tableName: String, key: String, _ fields: FieldSet, force: Bool = false) throws -> Bool {
        let table = try Self.table(tableName)
        let keyBit: UInt64 = 1 << UInt64(table.index[table.keyColumn]!)
        let (values, mask) = try Self.values(fields, in: table)
        if !capture {
            // Benchmark baseline: a plain UPDATE of the given columns, no read, no versions.
            try writeRow(table, key: key, insert: false, mask: mask & ~keyBit, values: values, versions: nil)
            return db.changesCount > 0
        }
        guard let current = try currentRow(table, key, mask: mask | Self.caseBit(table)) else {
            throw StoreError.notFound(table: table.name, key: key)
        }
        var changed: UInt64 = 0
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 && (force || current.values[i] != values[i]) {
            changed |= 1 << UInt64(i)
        }
        changed &= ~keyBit
        guard changed != 0 else { return false }
        let version = nextVersion()
        var versions = current.versions
        var previous: [Int: FieldVersion] = [:]
        for i in table.columns.indices where changed & (1 << UInt64(i)) != 0 {
            // A local write obeys the field policies too, or this node would keep a value every
            // other node refuses (a stage moving back, a decided request returning to pending).
            if let old = versions[i], !policy.wins(
                VersionedValue(values[i], version), over: VersionedValue(current.values[i], old),
                table: table.name, column: table.columns[i].name)
            {
                throw StoreError.policy(
                    table: table.name, key: key, column: table.columns[i].name,
                    rule: MergePolicy.rule(table: table.name, column: table.columns[i].name).rawValue)
            }
            previous[i] = versions[i]
            versions.set(i, version, overwrote: versions[i])
        }
        try writeRow(table, key: key, insert: false, mask: changed, values: values, versions: versions.encoded())
        try resolveConflicts(table, key: key, mask: changed, by: version)
        try appendLog(table, key: key, op: .update, version: version, sequence: originSequence,
                      mask: changed, values: values, previous: previous, local: true,
                      caseNumber: Self.caseNumber(table, values, current))
        localChanges += 1
        return true
    }

    /// Inserts the row or updates the columns that differ. Returns what was done, nil if nothing.
    @discardableResult
    public func upsert(into tableName: String, _ fields: FieldSet) throws -> ChangeOperation? {
        let table = try Self.table(tableName)
        guard case .text(let key)? = fields[table.keyColumn], !key.isEmpty else {
            throw StoreError.missingKey(table: table.name)
        }
        if try exists(table, key) {
            return try update(tableName, key: key, fields) ? .update : nil
        }
        try insert(into: tableName, fields)
        return .insert
    }

    /// Deletes a row, leaving a versioned tombstone that replicates like any write.
    public func delete(from tableName: String, key: String) throws {
        let table = try Self.table(tableName)
        guard let current = try currentRow(table, key, mask: Self.caseBit(table)) else {
            throw StoreError.notFound(table: table.name, key: key)
        }
        let version = nextVersion()
        try deleteRow(table, key)
        guard capture else { return }
        try writeTombstone(table, key, version)
        var previous: [Int: FieldVersion] = [:]
        for i in table.columns.indices { previous[i] = current.versions[i] }
        try appendLog(table, key: key, op: .delete, version: version, sequence: originSequence,
                      mask: 0, values: [], previous: previous, local: true,
                      caseNumber: Self.caseNumber(table, current.values, current))
        localChanges += 1
    }

    /// The current values of a row, or nil.
    public func fields(of tableName: String, key: String) throws -> FieldSet? {
        let table = try Self.table(tableName)
        guard let current = try currentRow(table, key) else { return nil }
        var fields = FieldSet()
        for (i, column) in table.columns.enumerated() { fields[column.name] = current.values[i] }
        return fields
    }

    func nextVersion() -> FieldVersion {
        let hlc = clock.now()
        if capture { originSequence += 1 }
        return FieldVersion(hlc: hlc, origin: nodeID)
    }
}

/// A change-log row waiting to be written in the writer's next batch.
struct PendingLogRow {
    let origin: String
    let sequence: Int64
    let hlc: Int64
    let table: String
    let key: String
    let caseNumber: String?
    let op: String
    let local: Bool
    let previous: String?
    let mask: UInt64
    let fields: [UInt8]
}

/// Identifies a change wherever it travels.
struct OriginSequence: Hashable {
    let origin: String
    let sequence: Int64
}
