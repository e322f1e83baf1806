import CourtSyncModel
import Foundation
import GRDB

extension NodeStore {
    /// Changes in this node's ordering after `filter.after`, oldest first.
    public func changes(_ filter: ChangeFilter) throws -> [LoggedChange] {
        var conditions = ["seq > ?"]
        var texts: [String] = []
        for (column, value) in [("origin", filter.origin), ("tbl", filter.table), ("row_key", filter.key)] {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            texts.append(value)
        }
        let sql = """
            SELECT seq, origin, origin_seq, hlc, tbl, row_key, case_number, op, cols, fields, prev, sig, local
            FROM sync_changes WHERE \(conditions.joined(separator: " AND ")) ORDER BY seq LIMIT ?
            """
        return try read { db in
            let statement = RawStatement(try db.cachedStatement(sql: sql))
            statement.begin()
            statement.bind(filter.after, at: 1)
            for (i, text) in texts.enumerated() { statement.bind(text, at: Int32(i + 2)) }
            statement.bind(Int64(filter.limit), at: Int32(texts.count + 2))
            defer { statement.finish() }
            var result: [LoggedChange] = []
            while try statement.step(db) { result.append(try Self.loggedChange(statement)) }
            return result
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



}

extension NodeStore {
    /// A change-log row selected as `seq, origin, origin_seq, hlc, tbl, row_key, case_number, op,
    /// cols, fields, prev, sig, local`, read by position from a statement positioned on it.
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
        let caseNumber = table.keyColumn == table.caseColumn ? change.key : s.value(at: 6).textValue
        return LoggedChange(position: position, isLocal: s.int64(at: 12) != 0, change: change, caseNumber: caseNumber)
    }
}
