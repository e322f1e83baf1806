import CourtSyncModel
import Foundation
import GRDB

/// Identifies a prepared statement a writer reuses across rows: one per kind, table and column set.
struct StatementKey: Hashable {
    enum Kind: UInt8 {
        case insert, update, plainUpdate, delete, select, exists, log, tombstone
        case writeTombstone, dedupe, anyTombstone, conflict, openConflict, resolveConflict
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

    /// Bit of the column naming the row's case (0 for registry tables).
    static func caseBit(_ table: SyncTable) -> UInt64 {
        table.caseColumn.flatMap { table.index[$0] }.map { 1 << UInt64($0) } ?? 0
    }

    /// The case a row belongs to, from the given values or else the stored row.
    static func caseNumber(_ table: SyncTable, _ values: [FieldValue], _ current: CurrentRow?) -> String? {
        guard let column = table.caseColumn, let i = table.index[column] else { return nil }
        return values[i].textValue ?? current?.values[i].textValue
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

    /// The stored row: the columns in `mask` (all by default; others left NULL) and every version.
    func currentRow(_ table: SyncTable, _ key: String, mask: UInt64 = .max) throws -> CurrentRow? {
        let all = table.columns.count == 64 ? UInt64.max : (1 << UInt64(table.columns.count)) - 1
        let mask = mask & all
        let statement = try statement(StatementKey(kind: .select, table: table.name, mask: mask)) { columns in
            let names = columns.map { $0.name } + ["_v"]
            return "SELECT \(names.joined(separator: ", ")) FROM \(table.name) WHERE \(table.keyColumn) = ?"
        }
        statement.begin()
        statement.bind(key, at: 1)
        defer { statement.finish() }
        guard try statement.step(db) else { return nil }
        let count = table.columns.count
        var values = [FieldValue](repeating: .null, count: count)
        for (k, i) in statement.columns.enumerated() { values[i] = statement.value(at: Int32(k)) }
        let versions = FieldVersions(decoding: statement.blob(at: Int32(statement.columns.count)), count: count)
        return CurrentRow(values: values, versions: versions)
    }

    /// Inserts a row or updates the masked columns; `_v` is written unless `versions` is nil on
    /// an update (the capture-off baseline), and written empty on an insert without versions.
    func writeRow(
        _ table: SyncTable, key: String, insert: Bool, mask: UInt64, values: [FieldValue], versions: [UInt8]?
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
            raw.bind(blob: versions ?? [], at: next)
            next += 1
        }
        if !insert { raw.bind(key, at: next) }
        try raw.run(db)
    }

    /// Queues one change-log row: the changed columns as a mask and their values in the compact
    /// ``FieldCodec`` form. Rows are written in batches (see ``flushLog()``), in order, inside
    /// the same transaction.
    func appendLog(
        _ table: SyncTable, key: String, op: ChangeOperation, version: FieldVersion, sequence: Int64,
        mask: UInt64, values: [FieldValue], previous: [Int: FieldVersion], local: Bool, caseNumber: String?
    ) throws {
        // A case's own log rows leave case_number empty: it is the key (read back as such).
        pendingLog.append(PendingLogRow(
            origin: version.origin, sequence: sequence, hlc: version.hlc.rawValue, table: table.name, key: key,
            caseNumber: table.keyColumn == table.caseColumn ? nil : caseNumber, op: op.rawValue, local: local, previous: Self.previousJSON(previous, in: table), mask: mask,
            fields: FieldCodec.encode(values, mask: mask)))
        if pendingLog.count >= Self.logBatch { try flushLog() }
    }

    /// Rows per multi-row INSERT into the change log: one statement execution writes them all,
    /// which halves what the log costs per change compared with one INSERT per row.
    static let logBatch = 64

    /// Writes the queued change-log rows. Called when the batch is full, before anything reads
    /// the log inside the transaction, and before the transaction commits.
    func flushLog() throws {
        var start = 0
        while start < pendingLog.count {
            let count = min(Self.logBatch, pendingLog.count - start)
            let statement = try statement(StatementKey(kind: .log, table: "", mask: UInt64(count))) { _ in
                let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                return """
                    INSERT INTO sync_changes
                        (origin, origin_seq, hlc, tbl, row_key, op, local, prev, cols, fields, case_number)
                    VALUES \(Array(repeating: row, count: count).joined(separator: ", "))
                    """
            }
            statement.begin()
            var p: Int32 = 1
            for row in pendingLog[start..<(start + count)] {
                statement.bind(row.origin, at: p)
                statement.bind(row.sequence, at: p + 1)
                statement.bind(row.hlc, at: p + 2)
                statement.bind(row.table, at: p + 3)
                statement.bind(row.key, at: p + 4)
                statement.bind(row.op, at: p + 5)
                statement.bind(row.local ? 1 : 0, at: p + 6)
                if let previous = row.previous { statement.bind(previous, at: p + 7) } else { statement.bindNull(at: p + 7) }
                statement.bind(Int64(bitPattern: row.mask), at: p + 8)
                statement.bind(blob: row.fields, at: p + 9)
                if let caseNumber = row.caseNumber { statement.bind(caseNumber, at: p + 10) } else { statement.bindNull(at: p + 10) }
                p += 11
            }
            try statement.run(db)
            start += count
        }
        pendingLog.removeAll(keepingCapacity: true)
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

    func mayHaveTombstones(_ table: SyncTable) throws -> Bool {
        if let known = tablesWithTombstones[table.name] { return known }
        let statement = try statement(StatementKey(kind: .anyTombstone, table: "", mask: 0)) { _ in
            "SELECT 1 FROM sync_tombstones WHERE tbl = ? LIMIT 1"
        }
        statement.begin()
        statement.bind(table.name, at: 1)
        defer { statement.finish() }
        let found = try statement.step(db)
        tablesWithTombstones[table.name] = found
        return found
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
        tablesWithTombstones[table.name] = true
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

extension ChangeWriter {
    /// Whether this node has any open conflict (checked once per transaction).
    func hasOpenConflicts() throws -> Bool {
        if let known = openConflicts { return known }
        let found = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_conflicts WHERE resolved_at IS NULL)") ?? false
        openConflicts = found
        return found
    }

    /// Marks resolved the open conflicts on a field whose both sides `version` supersedes: a later
    /// write decided the field (`courtsync conflicts resolve` makes one), on every node it reaches.
    func resolveConflicts(_ table: SyncTable, key: String, mask: UInt64, by version: FieldVersion) throws {
        guard try hasOpenConflicts() else { return }
        let probe = try statement(StatementKey(kind: .openConflict, table: "", mask: 0)) { _ in
            "SELECT 1 FROM sync_conflicts WHERE tbl = ? AND row_key = ? AND resolved_at IS NULL LIMIT 1"
        }
        probe.begin()
        probe.bind(table.name, at: 1)
        probe.bind(key, at: 2)
        let open = try probe.step(db)
        probe.finish()
        guard open else { return }
        let update = try statement(StatementKey(kind: .resolveConflict, table: "", mask: 0)) { _ in
            """
            UPDATE sync_conflicts SET resolved_at = ?1, resolution = ?2
            WHERE resolved_at IS NULL AND tbl = ?3 AND row_key = ?4 AND field = ?5
              AND (local_hlc < ?6 OR (local_hlc = ?6 AND local_origin < ?7))
              AND (remote_hlc < ?6 OR (remote_hlc = ?6 AND remote_origin < ?7))
            """
        }
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 {
            update.begin()
            update.bind(transactionTime, at: 1)
            update.bind("superseded by \(version)", at: 2)
            update.bind(table.name, at: 3)
            update.bind(key, at: 4)
            update.bind(table.columns[i].name, at: 5)
            update.bind(version.hlc.rawValue, at: 6)
            update.bind(version.origin, at: 7)
            try update.run(db)
        }
    }
}
