import CourtSyncModel
import Foundation
import GRDB

/// Identifies a prepared statement a writer reuses across rows: one per kind, table and column set.
struct StatementKey: Hashable {
    enum Kind: UInt8 {
        case insert, update, plainUpdate, delete, select, exists, log, tombstone, removeTombstone
        case writeTombstone, dedupe
    }

    let kind: Kind
    let table: String
    let mask: UInt64
}

/// A row as stored: values in catalog order and the field versions.
struct CurrentRow {
    var values: [FieldValue]
    var versions: FieldVersions
}

extension ChangeWriter {
    static func table(_ name: String) throws -> SyncTable {
        guard let table = Catalog.table(named: name) else { throw StoreError.unknownTable(name) }
        return table
    }

    /// The fields in catalog order (absent columns NULL) and the mask of columns present.
    static func values(_ fields: FieldSet, in table: SyncTable) throws -> (values: [FieldValue], mask: UInt64) {
        var values = [FieldValue](repeating: .null, count: table.columns.count)
        var mask: UInt64 = 0
        for (name, value) in fields {
            guard let i = table.index[name] else { throw StoreError.unknownColumn(table: table.name, column: name) }
            values[i] = value
            mask |= 1 << UInt64(i)
        }
        return (values, mask)
    }

    static func key(_ values: [FieldValue], in table: SyncTable) throws -> String {
        guard case .text(let key) = values[table.index[table.keyColumn]!], !key.isEmpty else {
            throw StoreError.missingKey(table: table.name)
        }
        return key
    }

    static func positions(_ mask: UInt64, in table: SyncTable) -> [Int] {
        table.columns.indices.filter { mask & (1 << UInt64($0)) != 0 }
    }

    /// The cached raw statement for `key`, prepared from `makeSQL(columns)` the first time.
    func statement(_ key: StatementKey, _ makeSQL: ([SyncColumn]) -> String) throws -> RawStatement {
        if let statement = statements[key] { return statement }
        let table = Catalog.table(named: key.table)
        let positions = table.map { Self.positions(key.mask, in: $0) } ?? []
        let columns = table.map { t in positions.map { t.columns[$0] } } ?? []
        let statement = RawStatement(try db.cachedStatement(sql: makeSQL(columns)), columns: positions)
        statements[key] = statement
        statement.begin()
        return statement
    }

    func exists(_ table: SyncTable, _ key: String) throws -> Bool {
        let statement = try statement(StatementKey(kind: .exists, table: table.name, mask: 0)) { _ in
            "SELECT 1 FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.begin()
        statement.bind(key, at: 1)
        defer { statement.finish() }
        return try statement.step(db)
    }

    func currentRow(_ table: SyncTable, _ key: String) throws -> CurrentRow? {
        let statement = try statement(StatementKey(kind: .select, table: table.name, mask: 0)) { _ in
            "SELECT \(table.columnNames.joined(separator: ", ")), _v FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.begin()
        statement.bind(key, at: 1)
        defer { statement.finish() }
        guard try statement.step(db) else { return nil }
        let count = table.columns.count
        var values = [FieldValue]()
        values.reserveCapacity(count)
        for i in 0..<count { values.append(statement.value(at: Int32(i))) }
        let versions = FieldVersions(decoding: statement.blob(at: Int32(count)), count: count)
        return CurrentRow(values: values, versions: versions)
    }

    /// Inserts a row or updates the masked columns; `_v` is written unless `versions` is nil on
    /// an update (the capture-off baseline), and written empty on an insert without versions.
    func writeRow(
        _ table: SyncTable, key: String, insert: Bool, mask: UInt64, values: [FieldValue], versions: FieldVersions?
    ) throws {
        let raw: RawStatement
        if insert {
            raw = try statement(StatementKey(kind: .insert, table: table.name, mask: mask)) { columns in
                let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
                return "INSERT INTO \(table.name) (\(columns.map { $0.name }.joined(separator: ", ")), _v) VALUES (\(marks))"
            }
        } else {
            let plain = versions == nil
            raw = try statement(
                StatementKey(kind: plain ? .plainUpdate : .update, table: table.name, mask: mask)
            ) { columns in
                let sets = columns.map { "\($0.name) = ?" } + (plain ? [] : ["_v = ?"])
                return "UPDATE \(table.name) SET \(sets.joined(separator: ", ")) WHERE \(table.keyColumn) = ?"
            }
        }
        raw.begin()
        var next = raw.bindColumns(values)
        if insert || versions != nil {
            raw.bind(blob: versions?.encoded() ?? [], at: next)
            next += 1
        }
        if !insert { raw.bind(key, at: next) }
        try raw.run(db)
    }

    /// Appends one change-log row. The `fields` JSON is built by SQLite's json_object from the
    /// bound values, in catalog order, so no JSON encoding runs in Swift on the write path.
    func appendLog(
        _ table: SyncTable, key: String, op: ChangeOperation, version: FieldVersion, sequence: Int64,
        mask: UInt64, values: [FieldValue], previous: [Int: FieldVersion], local: Bool
    ) throws {
        let statement = try statement(StatementKey(kind: .log, table: table.name, mask: mask)) { columns in
            let object = columns.map { "'\($0.name)', ?" }.joined(separator: ", ")
            return """
                INSERT INTO sync_changes (origin, origin_seq, hlc, tbl, row_key, op, local, prev, fields)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, json_object(\(object)))
                """
        }
        statement.begin()
        statement.bind(version.origin, at: 1)
        statement.bind(sequence, at: 2)
        statement.bind(version.hlc.rawValue, at: 3)
        statement.bind(table.name, at: 4)
        statement.bind(key, at: 5)
        statement.bind(op.rawValue, at: 6)
        statement.bind(local ? 1 : 0, at: 7)
        if let previous = Self.previousJSON(previous, in: table) {
            statement.bind(previous, at: 8)
        } else {
            statement.bindNull(at: 8)
        }
        statement.bindColumns(values, from: 9)
        try statement.run(db)
    }

    /// `{"column":[hlc,"origin"],…}` in catalog order. Column names and node ids are plain ASCII
    /// (checked at init and by the catalog), so nothing needs escaping.
    static func previousJSON(_ previous: [Int: FieldVersion], in table: SyncTable) -> String? {
        guard !previous.isEmpty else { return nil }
        var json = "{"
        for i in table.columns.indices {
            guard let version = previous[i] else { continue }
            if json.count > 1 { json += "," }
            json += "\"\(table.columns[i].name)\":[\(version.hlc.rawValue),\"\(version.origin)\"]"
        }
        return json + "}"
    }

    func tombstone(_ table: SyncTable, _ key: String) throws -> FieldVersion? {
        let statement = try statement(StatementKey(kind: .tombstone, table: "", mask: 0)) { _ in
            "SELECT hlc, origin FROM sync_tombstones WHERE tbl = ? AND row_key = ?"
        }
        statement.begin()
        statement.bind(table.name, at: 1)
        statement.bind(key, at: 2)
        defer { statement.finish() }
        guard try statement.step(db) else { return nil }
        return FieldVersion(hlc: HLCTimestamp(rawValue: statement.int64(at: 0)), origin: statement.text(at: 1))
    }

    func removeTombstone(_ table: SyncTable, _ key: String) throws {
        let statement = try statement(StatementKey(kind: .removeTombstone, table: "", mask: 0)) { _ in
            "DELETE FROM sync_tombstones WHERE tbl = ? AND row_key = ?"
        }
        statement.begin()
        statement.bind(table.name, at: 1)
        statement.bind(key, at: 2)
        try statement.run(db)
    }

    func writeTombstone(_ table: SyncTable, _ key: String, _ version: FieldVersion) throws {
        let statement = try statement(StatementKey(kind: .writeTombstone, table: "", mask: 0)) { _ in
            "INSERT OR REPLACE INTO sync_tombstones (tbl, row_key, hlc, origin) VALUES (?, ?, ?, ?)"
        }
        statement.begin()
        statement.bind(table.name, at: 1)
        statement.bind(key, at: 2)
        statement.bind(version.hlc.rawValue, at: 3)
        statement.bind(version.origin, at: 4)
        try statement.run(db)
    }

    func deleteRow(_ table: SyncTable, _ key: String) throws {
        let statement = try statement(StatementKey(kind: .delete, table: table.name, mask: 0)) { _ in
            "DELETE FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.begin()
        statement.bind(key, at: 1)
        try statement.run(db)
    }
}
