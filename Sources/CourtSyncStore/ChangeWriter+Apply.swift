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
        let current = try currentRow(table, change.key, mask: Self.caseBit(table))
        let version = change.version
        let outcome: ApplyOutcome
        switch change.operation {
        case .insert, .update:
            outcome = try applyFields(table, change.key, values: values, mask: mask, version: version, current: current)
        case .delete:
            outcome = try applyDelete(table, change.key, version: version, current: current)
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
        guard let current = try currentRow(table, key, mask: 0) else {
            var rowVersions = FieldVersions(count: table.columns.count)
            for (name, version) in versions { rowVersions[table.index[name]!] = version }
            try writeRow(table, key: key, insert: true, mask: mask | 1 << UInt64(keyIndex), values: values,
                         versions: rowVersions.encoded())
            return true
        }
        var winners: UInt64 = 0
        var rowVersions = current.versions
        for (name, version) in versions {
            let i = table.index[name]!
            guard i != keyIndex, mask & (1 << UInt64(i)) != 0 else { continue }
            if let existing = rowVersions[i], existing >= version { continue }
            winners |= 1 << UInt64(i)
            rowVersions[i] = version
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
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 { versions[i] = nil }
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
        _ table: SyncTable, _ key: String, values: [FieldValue], mask: UInt64, version: FieldVersion,
        current: CurrentRow?
    ) throws -> ApplyOutcome {
        let keyIndex = table.index[table.keyColumn]!
        guard let current else {
            if try mayHaveTombstones(table), let tombstone = try tombstone(table, key) {
                if tombstone >= version { return .superseded }
                try removeTombstone(table, key)
            }
            var values = values
            values[keyIndex] = .text(key)
            let insertMask = mask | 1 << UInt64(keyIndex)
            var versions = FieldVersions(count: table.columns.count)
            for i in table.columns.indices where insertMask & (1 << UInt64(i)) != 0 { versions[i] = version }
            try writeRow(table, key: key, insert: true, mask: insertMask, values: values, versions: versions.encoded())
            return .applied
        }
        var winners: UInt64 = 0
        var versions = current.versions
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 && i != keyIndex {
            if let existing = versions[i], existing >= version { continue }
            winners |= 1 << UInt64(i)
            versions[i] = version
        }
        guard winners != 0 else { return .superseded }
        try writeRow(table, key: key, insert: false, mask: winners, values: values, versions: versions.encoded())
        return .applied
    }

    private func applyDelete(
        _ table: SyncTable, _ key: String, version: FieldVersion, current: CurrentRow?
    ) throws -> ApplyOutcome {
        if let current {
            if let newest = current.versions.maximum, newest >= version { return .superseded }
            try deleteRow(table, key)
            try writeTombstone(table, key, version)
            return .applied
        }
        if try mayHaveTombstones(table), let tombstone = try tombstone(table, key), tombstone >= version {
            return .superseded
        }
        try writeTombstone(table, key, version)
        return .applied
    }
}
