import CourtSyncModel
import Foundation
import GRDB

/// What applying one remote change did.
public enum ApplyOutcome: Sendable, Equatable {
    /// At least one field took the change's value (or the row was deleted).
    case applied
    /// This node already holds the change (same origin and origin sequence): nothing done.
    case duplicate
    /// New to this node, logged for relaying, but every field already had a greater version.
    case superseded
}

extension ChangeWriter {
    /// Applies a change made at another node, keeping its origin, sequence and version, without
    /// capturing it as a local edit. Per field, the greater version wins (HLC, then origin id).
    ///
    /// Throws (and the caller's transaction rolls back) on an unknown table or column, a remote
    /// clock beyond the drift bound, or a change that claims to be this node's but is not.
    @discardableResult
    public func apply(_ change: ChangeRecord) throws -> ApplyOutcome {
        if try isKnown(change) { return .duplicate }
        do {
            try clock.receive(change.hlc)
        } catch {
            throw StoreError.clockDrift("change \(change.origin)#\(change.originSequence): \(error.description)")
        }
        let table = try Self.table(change.table)
        let (values, mask) = try Self.values(change.fields, in: table)
        var previous: [Int: FieldVersion] = [:]
        for (name, v) in change.previous {
            guard let i = table.index[name] else {
                throw StoreError.unknownColumn(table: table.name, column: name)
            }
            previous[i] = v
        }
        let current = try currentRow(table, change.key, mask: mask | Self.caseBit(table))
        let version = change.version
        let outcome: ApplyOutcome
        switch change.operation {
        case .insert, .update:
            outcome = try applyFields(table, change, values: values, mask: mask, current: current)
        case .delete:
            outcome = try applyDelete(table, change, current: current)
        }
        try appendLog(table, key: change.key, op: change.operation, version: version,
                      sequence: change.originSequence, mask: mask, values: values,
                      previous: previous, local: false, caseNumber: Self.caseNumber(table, values, current))
        pendingRemote.insert(OriginSequence(origin: change.origin, sequence: change.originSequence))
        return outcome
    }

    /// Applies a projected copy of a row sent when it entered this node's scope: each field with
    /// its own version, greater version wins. Not logged: it is a view of another node's data, not
    /// a change this node relays.
    @discardableResult
    public func applySnapshot(table tableName: String, key: String, fields: FieldSet, versions: [String: FieldVersion])
        throws -> Bool
    {
        let table = try Self.table(tableName)
        var (values, mask) = try Self.values(fields, in: table)
        let keyIndex = table.index[table.keyColumn]!
        values[keyIndex] = .text(key)
        for (name, version) in versions {
            guard table.index[name] != nil else { throw StoreError.unknownColumn(table: table.name, column: name) }
            try clockReceive(version.hlc, what: "snapshot of \(tableName) \(key)")
        }
        guard let current = try currentRow(table, key, mask: mask) else {
            var rowVersions = FieldVersions(count: table.columns.count)
            for (name, version) in versions { rowVersions.set(table.index[name]!, version, overwrote: nil) }
            try writeRow(table, key: key, insert: true, mask: mask | 1 << UInt64(keyIndex), values: values,
                         versions: rowVersions.encoded())
            return true
        }
        var winners: UInt64 = 0
        var rowVersions = current.versions
        for (name, version) in versions {
            let i = table.index[name]!
            guard i != keyIndex, mask & (1 << UInt64(i)) != 0 else { continue }
            if let existing = rowVersions[i], !policy.wins(
                VersionedValue(values[i], version), over: VersionedValue(current.values[i], existing),
                table: table.name, column: name)
            {
                continue
            }
            winners |= 1 << UInt64(i)
            rowVersions.set(i, version, overwrote: rowVersions.previous[i])
        }
        guard winners != 0 else { return false }
        try writeRow(table, key: key, insert: false, mask: winners, values: values, versions: rowVersions.encoded())
        return true
    }

    /// Removes this node's copy of a row that left its scope (a case sealed, a lawyer withdrawn),
    /// or, with `columns`, clears those columns of it (set to NULL, or false for flags, and their
    /// versions dropped). No tombstone and no log row: the row still exists at its owner.
    @discardableResult
    public func applyRetraction(table tableName: String, key: String, columns: [String]? = nil) throws -> Bool {
        let table = try Self.table(tableName)
        guard let columns else {
            guard try exists(table, key) else { return false }
            try deleteRow(table, key)
            return true
        }
        var mask: UInt64 = 0
        var values = [FieldValue](repeating: .null, count: table.columns.count)
        for name in columns {
            guard let i = table.index[name], name != table.keyColumn else {
                throw StoreError.unknownColumn(table: table.name, column: name)
            }
            mask |= 1 << UInt64(i)
            if table.columns[i].rule == .boolean { values[i] = .integer(0) }
        }
        guard mask != 0, let current = try currentRow(table, key, mask: 0) else { return false }
        var versions = current.versions
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 { versions.set(i, nil, overwrote: nil) }
        try writeRow(table, key: key, insert: false, mask: mask, values: values, versions: versions.encoded())
        return true
    }

    private func clockReceive(_ hlc: HLCTimestamp, what: String) throws {
        do {
            try clock.receive(hlc)
        } catch {
            throw StoreError.clockDrift("\(what): \(error.description)")
        }
    }

    /// Dedupe by origin and origin sequence. A change from this node's own origin is known iff
    /// its sequence is one this node has used.
    func isKnown(_ change: ChangeRecord) throws -> Bool {
        if change.origin == nodeID {
            guard change.originSequence <= originSequence else {
                throw StoreError.foreignOriginClaim(
                    origin: change.origin, sequence: change.originSequence, localSequence: originSequence)
            }
            return true
        }
        // Queued rows are not in the table yet: remember those of this transaction in memory.
        let id = OriginSequence(origin: change.origin, sequence: change.originSequence)
        if pendingRemote.contains(id) { return true }
        let statement = try statement(StatementKey(kind: .dedupe, table: "", mask: 0)) { _ in
            "SELECT 1 FROM sync_changes WHERE origin = ? AND origin_seq = ? AND local = 0"
        }
        statement.begin()
        statement.bind(change.origin, at: 1)
        statement.bind(change.originSequence, at: 2)
        defer { statement.finish() }
        return try statement.step(db)
    }

    private func applyFields(
        _ table: SyncTable, _ change: ChangeRecord, values: [FieldValue], mask: UInt64, current: CurrentRow?
    ) throws -> ApplyOutcome {
        let key = change.key
        let version = change.version
        let keyIndex = table.index[table.keyColumn]!
        // A delete is a write of "gone" to every field: fields older than the tombstone are dropped.
        let tombstone = try mayHaveTombstones(table) ? try self.tombstone(table, key) : nil
        var winners: UInt64 = 0
        var versions = current?.versions ?? FieldVersions(count: table.columns.count)
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 && i != keyIndex {
            let column = table.columns[i].name
            let incoming = VersionedValue(values[i], version)
            if let tombstone, current?.versions[i] == nil || current!.versions[i]! < tombstone, version <= tombstone {
                if change.previous[column] != tombstone {
                    try recordConflict(
                        table, key: key, column: column, local: VersionedValue(.null, tombstone), remote: incoming,
                        rule: "delete-wins", remoteWins: false)
                }
                continue
            }
            guard let currentVersion = current?.versions[i] else {
                winners |= 1 << UInt64(i)
                versions.set(i, version, overwrote: change.previous[column])
                continue
            }
            if currentVersion == version { continue }
            let local = VersionedValue(current!.values[i], currentVersion)
            let remoteWins = policy.wins(incoming, over: local, table: table.name, column: column)
            // Concurrent unless the change overwrote exactly our version (a fast-forward), our
            // version overwrote exactly this change (an old change arriving late), or both come
            // from one node, which knew its own earlier write when it made the later one.
            if change.previous[column] != currentVersion, current!.versions.previous[i] != version,
                currentVersion.origin != version.origin
            {
                try recordConflict(
                    table, key: key, column: column, local: local, remote: incoming,
                    rule: MergePolicy.rule(table: table.name, column: column).rawValue, remoteWins: remoteWins)
            }
            if remoteWins {
                winners |= 1 << UInt64(i)
                versions.set(i, version, overwrote: change.previous[column])
            }
        }
        guard winners != 0 else { return .superseded }
        if current == nil {
            var values = values
            values[keyIndex] = .text(key)
            versions.set(keyIndex, version, overwrote: nil)
            var insertMask = winners | 1 << UInt64(keyIndex)
            if let tombstone {
                // Recreated after a delete: the fields this change does not carry are gone, at the
                // delete's version, so older writes to them stay dropped.
                for i in table.columns.indices where insertMask & (1 << UInt64(i)) == 0 {
                    versions.set(i, tombstone, overwrote: nil)
                    values[i] = table.columns[i].rule == .boolean || table.columns[i].name == "suspended_days"
                        ? .integer(0) : .null
                    insertMask |= 1 << UInt64(i)
                }
            }
            try writeRow(table, key: key, insert: true, mask: insertMask, values: values, versions: versions.encoded())
        } else {
            try writeRow(table, key: key, insert: false, mask: winners, values: values, versions: versions.encoded())
        }
        try resolveConflicts(table, key: key, mask: winners, by: version)
        return .applied
    }

    /// A delete writes "gone" to every field at its version: fields with an older version are
    /// cleared; the row disappears when none is newer. A newer concurrent write keeps its fields
    /// (and is recorded as a conflict), so every node ends with the same fields whatever the order.
    private func applyDelete(_ table: SyncTable, _ change: ChangeRecord, current: CurrentRow?) throws -> ApplyOutcome {
        // (`current` only says whether the row exists; the delete needs every field's version.)
        let key = change.key
        let version = change.version
        let existing = try mayHaveTombstones(table) ? try tombstone(table, key) : nil
        if let existing, existing >= version { return .superseded }
        try writeTombstone(table, key, version)
        guard let row = current.flatMap({ _ in try? currentRow(table, key, mask: .max) }) else { return .applied }
        var survivors: UInt64 = 0
        var cleared: UInt64 = 0
        var versions = row.versions
        var values = row.values
        let keyIndex = table.index[table.keyColumn]!
        for i in table.columns.indices where i != keyIndex {
            let column = table.columns[i].name
            guard let fieldVersion = row.versions[i] else { continue }
            if fieldVersion > version {
                survivors |= 1 << UInt64(i)
                if change.previous[column] != fieldVersion, row.versions.previous[i] != version {
                    try recordConflict(
                        table, key: key, column: column, local: VersionedValue(row.values[i], fieldVersion),
                        remote: VersionedValue(.null, version), rule: "delete-wins", remoteWins: false)
                }
            } else {
                if change.previous[column] != nil, change.previous[column] != fieldVersion {
                    try recordConflict(
                        table, key: key, column: column, local: VersionedValue(row.values[i], fieldVersion),
                        remote: VersionedValue(.null, version), rule: "delete-wins", remoteWins: true)
                }
                cleared |= 1 << UInt64(i)
                versions.set(i, version, overwrote: fieldVersion)
                values[i] = table.columns[i].rule == .boolean || column == "suspended_days" ? .integer(0) : .null
            }
        }
        if survivors == 0 {
            try deleteRow(table, key)
        } else if cleared != 0 {
            try writeRow(table, key: key, insert: false, mask: cleared, values: values, versions: versions.encoded())
        }
        return .applied
    }

    /// Records two concurrent writes to one field, once per pair, for review (`courtsync conflicts`).
    func recordConflict(
        _ table: SyncTable, key: String, column: String, local: VersionedValue, remote: VersionedValue, rule: String,
        remoteWins: Bool
    ) throws {
        let statement = try statement(StatementKey(kind: .conflict, table: "", mask: 0)) { _ in
            """
            INSERT OR IGNORE INTO sync_conflicts (detected_at, tbl, row_key, field, local_value, local_hlc,
                local_origin, remote_value, remote_hlc, remote_origin, rule, winner)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        }
        statement.begin()
        statement.bind(transactionTime, at: 1)
        statement.bind(table.name, at: 2)
        statement.bind(key, at: 3)
        statement.bind(column, at: 4)
        statement.bind(Self.json(local.value), at: 5)
        statement.bind(local.version.hlc.rawValue, at: 6)
        statement.bind(local.version.origin, at: 7)
        statement.bind(Self.json(remote.value), at: 8)
        statement.bind(remote.version.hlc.rawValue, at: 9)
        statement.bind(remote.version.origin, at: 10)
        statement.bind(rule, at: 11)
        statement.bind(remoteWins ? "remote" : "local", at: 12)
        try statement.run(db)
        conflictsRecorded += 1
    }

    /// A field value as JSON (a number, null, or a string with JSON escapes).
    static func json(_ value: FieldValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? String(d) : "null"
        case .text(let s):
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}
