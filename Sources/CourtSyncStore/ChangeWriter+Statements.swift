import CourtSyncModel
import Foundation
import GRDB

/// Identifies a prepared statement a writer reuses across rows: one per kind, table and column set.
struct StatementKey: Hashable {
    enum Kind: UInt8 { case insert, update, plainUpdate, delete, select, exists, log, tombstone, dedupe }
    let kind: Kind
    let table: String
    let mask: UInt64

    static func delete(_ table: String) -> StatementKey { StatementKey(kind: .delete, table: table, mask: 0) }
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

    static func key(of fields: FieldSet, in table: SyncTable) throws -> String {
        guard case .text(let key)? = fields[table.keyColumn], !key.isEmpty else {
            throw StoreError.missingKey(table: table.name)
        }
        return key
    }

    /// Bit i set when catalog column i is in `fields`.
    static func columnMask(_ fields: FieldSet, in table: SyncTable) throws -> UInt64 {
        var mask: UInt64 = 0
        for name in fields.keys {
            guard let i = table.index[name] else { throw StoreError.unknownColumn(table: table.name, column: name) }
            mask |= 1 << UInt64(i)
        }
        return mask
    }

    static func columns(_ mask: UInt64, in table: SyncTable) -> [SyncColumn] {
        table.columns.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { table.columns[$0] }
    }

    func statement(_ key: StatementKey, _ makeSQL: () -> String) throws -> Statement {
        if let statement = statements[key] { return statement }
        let statement = try db.cachedStatement(sql: makeSQL())
        statements[key] = statement
        return statement
    }

    func execute(_ key: StatementKey, sql: @autoclosure () -> String, _ arguments: [DatabaseValue]) throws {
        let statement = try statement(key, sql)
        statement.setUncheckedArguments(StatementArguments(arguments))
        try statement.execute()
    }

    func exists(_ table: SyncTable, _ key: String) throws -> Bool {
        let statement = try statement(StatementKey(kind: .exists, table: table.name, mask: 0)) {
            "SELECT 1 FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.setUncheckedArguments([key])
        return try Row.fetchOne(statement) != nil
    }

    func currentRow(_ table: SyncTable, _ key: String) throws -> CurrentRow? {
        let statement = try statement(StatementKey(kind: .select, table: table.name, mask: 0)) {
            let names = table.columnNames.joined(separator: ", ")
            return "SELECT \(names), _v FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.setUncheckedArguments([key])
        guard let row = try Row.fetchOne(statement) else { return nil }
        let count = table.columns.count
        var values = [FieldValue]()
        values.reserveCapacity(count)
        for i in 0..<count { values.append(FieldValue(row[i] as DatabaseValue)) }
        let blob: Data = row[count] ?? Data()
        return CurrentRow(values: values, versions: FieldVersions(decoding: blob, count: count))
    }

    /// Inserts a row or updates the masked columns, with `_v` when versions are kept.
    func writeRow(
        _ table: SyncTable, key: String, insert: Bool, columns mask: UInt64, values: FieldSet,
        versions: FieldVersions?, keepVersions: Bool = false
    ) throws {
        let columns = Self.columns(mask, in: table)
        var arguments = columns.map { (values[$0.name] ?? .null).databaseValue }
        if !keepVersions { arguments.append((versions?.encoded() ?? Data()).databaseValue) }
        if insert {
            try execute(StatementKey(kind: .insert, table: table.name, mask: mask), sql: {
                let names = columns.map(\.name).joined(separator: ", ")
                let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
                return "INSERT INTO \(table.name) (\(names), _v) VALUES (\(marks))"
            }(), arguments)
        } else {
            arguments.append(key.databaseValue)
            let kind: StatementKey.Kind = keepVersions ? .plainUpdate : .update
            try execute(StatementKey(kind: kind, table: table.name, mask: mask), sql: {
                let sets = columns.map { "\($0.name) = ?" } + (keepVersions ? [] : ["_v = ?"])
                return "UPDATE \(table.name) SET \(sets.joined(separator: ", ")) WHERE \(table.keyColumn) = ?"
            }(), arguments)
        }
    }

    /// Appends one change-log row. The `fields` JSON is built by SQLite's json_object from the
    /// bound values, in catalog order, so no JSON encoding runs in Swift on the write path.
    func appendLog(
        _ table: SyncTable, key: String, op: ChangeOperation, version: FieldVersion, sequence: Int64,
        columns mask: UInt64, values: FieldSet, previous: [Int: FieldVersion], local: Bool
    ) throws {
        let columns = Self.columns(mask, in: table)
        var arguments: [DatabaseValue] = [
            version.origin.databaseValue, sequence.databaseValue, version.hlc.rawValue.databaseValue,
            table.name.databaseValue, key.databaseValue, op.rawValue.databaseValue,
        ]
        arguments.reserveCapacity(8 + columns.count)
        for column in columns { arguments.append((values[column.name] ?? .null).databaseValue) }
        arguments.append(Self.previousJSON(previous, in: table)?.databaseValue ?? .null)
        arguments.append((local ? 1 : 0).databaseValue)
        try execute(StatementKey(kind: .log, table: table.name, mask: mask), sql: {
            let object = columns.map { "'\($0.name)', ?" }.joined(separator: ", ")
            return """
                INSERT INTO sync_changes (origin, origin_seq, hlc, tbl, row_key, op, fields, prev, local)
                VALUES (?, ?, ?, ?, ?, ?, json_object(\(object)), ?, ?)
                """
        }(), arguments)
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
        let statement = try statement(StatementKey(kind: .tombstone, table: table.name, mask: 0)) {
            "SELECT hlc, origin FROM sync_tombstones WHERE tbl = ? AND row_key = ?"
        }
        statement.setUncheckedArguments([table.name, key])
        guard let row = try Row.fetchOne(statement) else { return nil }
        return FieldVersion(hlc: HLCTimestamp(rawValue: row[0]), origin: row[1])
    }

    func removeTombstone(_ table: SyncTable, _ key: String) throws {
        try db.execute(sql: "DELETE FROM sync_tombstones WHERE tbl = ? AND row_key = ?", arguments: [table.name, key])
    }

    func writeTombstone(_ table: SyncTable, _ key: String, _ version: FieldVersion) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO sync_tombstones (tbl, row_key, hlc, origin) VALUES (?, ?, ?, ?)",
            arguments: [table.name, key, version.hlc.rawValue, version.origin])
    }
}
