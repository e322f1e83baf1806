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
        let mask = try Self.columnMask(change.fields, in: table)
        let version = change.version
        let outcome: ApplyOutcome
        switch change.operation {
        case .insert, .update:
            outcome = try applyFields(table, change, mask: mask, version: version)
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
                      sequence: change.originSequence, columns: mask, values: change.fields,
                      previous: previous, local: false)
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
        let statement = try statement(StatementKey(kind: .dedupe, table: "", mask: 0)) {
            "SELECT 1 FROM sync_changes WHERE origin = ? AND origin_seq = ? AND local = 0"
        }
        statement.setUncheckedArguments([change.origin, change.originSequence])
        return try Row.fetchOne(statement) != nil
    }

    private func applyFields(
        _ table: SyncTable, _ change: ChangeRecord, mask: UInt64, version: FieldVersion
    ) throws -> ApplyOutcome {
        guard let current = try currentRow(table, change.key) else {
            if let tombstone = try tombstone(table, change.key) {
                if tombstone >= version { return .superseded }
                try removeTombstone(table, change.key)
            }
            var versions = FieldVersions(count: table.columns.count)
            var fields = change.fields
            fields[table.keyColumn] = .text(change.key)
            let insertMask = mask | 1 << UInt64(table.index[table.keyColumn]!)
            for i in table.columns.indices where insertMask & (1 << UInt64(i)) != 0 { versions[i] = version }
            try writeRow(table, key: change.key, insert: true, columns: insertMask, values: fields, versions: versions)
            return .applied
        }
        var winners: UInt64 = 0
        var versions = current.versions
        for i in table.columns.indices where mask & (1 << UInt64(i)) != 0 {
            if let existing = versions[i], existing >= version { continue }
            if table.columns[i].name == table.keyColumn { continue }
            winners |= 1 << UInt64(i)
            versions[i] = version
        }
        guard winners != 0 else { return .superseded }
        try writeRow(table, key: change.key, insert: false, columns: winners, values: change.fields, versions: versions)
        return .applied
    }

    private func applyDelete(_ table: SyncTable, _ key: String, version: FieldVersion) throws -> ApplyOutcome {
        if let current = try currentRow(table, key) {
            if let newest = current.versions.maximum, newest >= version { return .superseded }
            try execute(.delete(table.name), sql: "DELETE FROM \(table.name) WHERE \(table.keyColumn) = ?",
                        [key.databaseValue])
            try writeTombstone(table, key, version)
            return .applied
        }
        if let tombstone = try tombstone(table, key), tombstone >= version { return .superseded }
        try writeTombstone(table, key, version)
        return .applied
    }
}
