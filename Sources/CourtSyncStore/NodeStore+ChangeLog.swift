import CourtSyncModel
import Foundation
import GRDB

extension NodeStore {
    /// Changes in this node's ordering after `filter.after`, oldest first.
    public func changes(_ filter: ChangeFilter) throws -> [LoggedChange] {
        var conditions = ["seq > ?"]
        var arguments: [any DatabaseValueConvertible] = [filter.after]
        if let origin = filter.origin {
            conditions.append("origin = ?")
            arguments.append(origin)
        }
        if let table = filter.table {
            conditions.append("tbl = ?")
            arguments.append(table)
        }
        if let key = filter.key {
            conditions.append("row_key = ?")
            arguments.append(key)
        }
        arguments.append(filter.limit)
        let sql = """
            SELECT seq, origin, origin_seq, hlc, tbl, row_key, case_number, op, cols, fields, prev, sig, local
            FROM sync_changes WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?
            """
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Self.loggedChange)
        }
    }

    /// Number of changes in the log, and how many of them this node made.
    public func changeCounts() throws -> (total: Int, local: Int) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT count(*), coalesce(sum(local), 0) FROM sync_changes")!
            return (row[0], row[1])
        }
    }

    /// The current version of each field of a row (empty when the row does not exist).
    public func fieldVersions(table tableName: String, key: String) throws -> [String: FieldVersion] {
        guard let table = Catalog.table(named: tableName) else { throw StoreError.unknownTable(tableName) }
        return try read { db in
            guard let blob = try Data.fetchOne(
                db, sql: "SELECT _v FROM \(table.name) WHERE \(table.keyColumn) = ?", arguments: [key])
            else { return [:] }
            let versions = FieldVersions(decoding: Array(blob), count: table.columns.count)
            var result: [String: FieldVersion] = [:]
            for (i, column) in table.columns.enumerated() { result[column.name] = versions[i] }
            return result
        }
    }

    /// The tombstone version of a deleted row, or nil.
    public func tombstone(table: String, key: String) throws -> FieldVersion? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT hlc, origin FROM sync_tombstones WHERE tbl = ? AND row_key = ?",
                arguments: [table, key]
            ).map { FieldVersion(hlc: HLCTimestamp(rawValue: $0[0]), origin: $0[1]) }
        }
    }

    /// A change-log row selected as `seq, origin, origin_seq, hlc, tbl, row_key, case_number, op,
    /// cols, fields, prev, sig, local` (by position: this runs for every change a feed serves).
    static func loggedChange(_ row: Row) throws -> LoggedChange {
        let position: Int64 = row[0]
        let tableName: String = row[4]
        let blob: Data = row[9] ?? Data()
        guard let table = Catalog.table(named: tableName),
            let decoded = FieldCodec.decode(Array(blob), mask: UInt64(bitPattern: row[8]))
        else {
            throw StoreError.database("change log entry \(position) is damaged (table \(tableName))")
        }
        var fields = FieldSet(minimumCapacity: decoded.count)
        for (i, value) in decoded { fields[table.columns[i].name] = value }
        let previous = try (row[10] as String?).map {
            try JSONDecoder().decode([String: FieldVersion].self, from: Data($0.utf8))
        } ?? [:]
        let change = ChangeRecord(
            origin: row[1], originSequence: row[2], hlc: HLCTimestamp(rawValue: row[3]), table: tableName,
            key: row[5], operation: ChangeOperation(rawValue: row[7]) ?? .update, fields: fields, previous: previous,
            signature: row[11])
        return LoggedChange(position: position, isLocal: row[12], change: change, caseNumber: row[6])
    }

}

extension NodeStore {
    /// The same as ``loggedChange(_:)`` from a raw statement positioned on a row.
    static func loggedChange(_ s: RawStatement) throws -> LoggedChange {
        let position = s.int64(at: 0)
        let tableName = s.text(at: 4)
        guard let table = Catalog.table(named: tableName),
            let decoded = FieldCodec.decode(s.blob(at: 9), mask: UInt64(bitPattern: s.int64(at: 8)))
        else {
            throw StoreError.database("change log entry \(position) is damaged (table \(tableName))")
        }
        var fields = FieldSet(minimumCapacity: decoded.count)
        for (i, value) in decoded { fields[table.columns[i].name] = value }
        var previous: [String: FieldVersion] = [:]
        if case .text(let json) = s.value(at: 10) {
            previous = try JSONDecoder().decode([String: FieldVersion].self, from: Data(json.utf8))
        }
        let change = ChangeRecord(
            origin: s.text(at: 1), originSequence: s.int64(at: 2), hlc: HLCTimestamp(rawValue: s.int64(at: 3)),
            table: tableName, key: s.text(at: 5), operation: ChangeOperation(rawValue: s.text(at: 7)) ?? .update,
            fields: fields, previous: previous, signature: s.value(at: 11).textValue)
        return LoggedChange(
            position: position, isLocal: s.int64(at: 12) != 0, change: change, caseNumber: s.value(at: 6).textValue)
    }
}
