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
        let version = change.version
        let outcome: ApplyOutcome
        switch change.operation {
        case .insert, .update:
            outcome = try applyFields(table, change.key, values: values, mask: mask, version: version)
        case .delete:
            outcome = try applyDelete(table, change.key, version: version)
        }
        var previous: [Int: FieldVersion] = [:]
        for (name, v) in change.previous {
            guard let i = table.index[name] else {
                throw StoreError.unknownColumn(table: table.name, column: name)
            }
            previous[i] = v
        }
        try appendLog(table, key: change.key, op: change.operation, version: version,
                      sequence: change.originSequence, mask: mask, values: values,
                      previous: previous, local: false)
        pendingRemote.insert(OriginSequence(origin: change.origin, sequence: change.originSequence))
        return outcome
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
        _ table: SyncTable, _ key: String, values: [FieldValue], mask: UInt64, version: FieldVersion
    ) throws -> ApplyOutcome {
        let keyIndex = table.index[table.keyColumn]!
        guard let current = try currentRow(table, key, mask: 0) else {
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

    private func applyDelete(_ table: SyncTable, _ key: String, version: FieldVersion) throws -> ApplyOutcome {
        if let current = try currentRow(table, key, mask: 0) {
            if let newest = current.versions.maximum, newest >= version { return .superseded }
            try deleteRow(table, key)
            try writeTombstone(table, key, version)
            return .applied
        }
        if let tombstone = try tombstone(table, key), tombstone >= version { return .superseded }
        try writeTombstone(table, key, version)
        return .applied
    }
}
