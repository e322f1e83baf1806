import CourtSyncModel
import Foundation
import GRDB

/// What decides whether a case's rows are in a reader's scope.
public struct CaseScope: Sendable, Hashable {
    public var court: String
    public var sealed: Bool
    /// The intermediate court has the case before it on appeal (`appeal_result` is set).
    public var appealed: Bool
    /// An active representation by a lawyer of the registry exists (counsel of record).
    public var hasRegisteredCounsel: Bool

    public init(court: String, sealed: Bool, appealed: Bool, hasRegisteredCounsel: Bool) {
        self.court = court
        self.sealed = sealed
        self.appealed = appealed
        self.hasRegisteredCounsel = hasRegisteredCounsel
    }
}

/// A stored row with the version of each field, as a scope snapshot sends it.
public struct StoredRow: Sendable, Hashable {
    public var table: String
    public var key: String
    public var fields: FieldSet
    public var versions: [String: FieldVersion]
}

/// A consistent read of the store for building a feed page: every query sees the same state.
/// Only valid inside ``NodeStore/snapshot(_:)``.
public struct StoreSnapshot {
    let db: Database

    /// Changes after a position, oldest first.
    public func changes(after position: Int64, limit: Int) throws -> [LoggedChange] {
        // Read through SQLite's C API: this runs for every change a feed serves.
        let statement = RawStatement(try db.cachedStatement(sql: """
            SELECT seq, origin, origin_seq, hlc, tbl, row_key, case_number, op, cols, fields, prev, sig, local
            FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?
            """))
        statement.begin()
        statement.bind(position, at: 1)
        statement.bind(Int64(limit), at: 2)
        defer { statement.finish() }
        var result: [LoggedChange] = []
        result.reserveCapacity(min(limit, 10_000))
        while try statement.step(db) {
            result.append(try NodeStore.loggedChange(statement))
        }
        return result
    }

    /// The last position in the log (0 when empty).
    public func lastPosition() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM sync_changes") ?? 0
    }

    /// Scope facts of a case, or nil when this node does not hold it.
    public func caseScope(_ caseNumber: String) throws -> CaseScope? {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT court_code, sealed, appeal_result IS NOT NULL AS appealed,
                    EXISTS (SELECT 1 FROM representations r JOIN lawyers l ON l.id = r.lawyer_id
                            WHERE r.case_number = cases.case_number AND r.status = 'active') AS counsel
                FROM cases WHERE case_number = ?
                """,
            arguments: [caseNumber])
        else { return nil }
        return CaseScope(
            court: row["court_code"] ?? "", sealed: row["sealed"] ?? false, appealed: row["appealed"],
            hasRegisteredCounsel: row["counsel"])
    }

    /// A row with its field versions, or nil.
    public func row(table tableName: String, key: String) throws -> StoredRow? {
        guard let table = Catalog.table(named: tableName) else { throw StoreError.unknownTable(tableName) }
        return try Row.fetchOne(
            db, sql: "SELECT * FROM \(table.name) WHERE \(table.keyColumn) = ?", arguments: [key]
        ).map { Self.storedRow($0, table) }
    }

    /// Every row of a table that belongs to a case.
    public func rows(table tableName: String, caseNumber: String) throws -> [StoredRow] {
        guard let table = Catalog.table(named: tableName), let caseColumn = table.caseColumn else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM \(table.name) WHERE \(caseColumn) = ? ORDER BY \(table.keyColumn)",
            arguments: [caseNumber]
        ).map { Self.storedRow($0, table) }
    }

    /// Cases where a lawyer is counsel of record (any status).
    public func caseNumbers(representedBy lawyerID: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT DISTINCT case_number FROM representations WHERE lawyer_id = ? ORDER BY case_number",
            arguments: [lawyerID])
    }

    /// The case a stored row belongs to.
    public func caseNumber(table tableName: String, key: String) throws -> String? {
        guard let table = Catalog.table(named: tableName), let caseColumn = table.caseColumn else { return nil }
        return try String.fetchOne(
            db, sql: "SELECT \(caseColumn) FROM \(table.name) WHERE \(table.keyColumn) = ?", arguments: [key])
    }

    static func storedRow(_ row: Row, _ table: SyncTable) -> StoredRow {
        let fields = row.fieldSet(table)
        let blob: Data = row["_v"] ?? Data()
        let versions = FieldVersions(decoding: Array(blob), count: table.columns.count)
        var byName: [String: FieldVersion] = [:]
        for (i, column) in table.columns.enumerated() { byName[column.name] = versions[i] }
        return StoredRow(
            table: table.name, key: fields[table.keyColumn]?.textValue ?? "", fields: fields, versions: byName)
    }
}

extension NodeStore {
    /// Runs `body` on one consistent read of the store.
    public func snapshot<T>(_ body: (StoreSnapshot) throws -> T) throws -> T {
        try read { db in try body(StoreSnapshot(db: db)) }
    }
}

extension NodeStore {
    /// Every row of a table with its versions, in key order (for tests and audits).
    public func allRows(table tableName: String) throws -> [StoredRow] {
        guard let table = Catalog.table(named: tableName) else { throw StoreError.unknownTable(tableName) }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(table.name) ORDER BY \(table.keyColumn)")
                .map { StoreSnapshot.storedRow($0, table) }
        }
    }
}
