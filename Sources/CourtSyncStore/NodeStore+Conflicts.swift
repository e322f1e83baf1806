import CourtSyncModel
import Foundation
import GRDB

/// Two concurrent writes to one field, as this node recorded them.
public struct ConflictRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var detectedAt: String
    public var table: String
    public var key: String
    public var field: String
    /// The value this node held and its version.
    public var localValue: FieldValue
    public var localVersion: FieldVersion
    /// The value that arrived and its version.
    public var remoteValue: FieldValue
    public var remoteVersion: FieldVersion
    /// The merge rule applied (docs/CONFLICTS.md).
    public var rule: String
    /// `local` or `remote`: which value the rule kept.
    public var winner: String
    public var resolvedAt: String?
    public var resolution: String?

    public var isOpen: Bool { resolvedAt == nil }
}

/// Which conflicts to list.
public struct ConflictFilter: Sendable, Hashable {
    public var table: String?
    /// Conflicts where this node id wrote either side.
    public var peer: String?
    /// nil: all; true: open only; false: resolved only.
    public var open: Bool?
    public var limit = 100

    public init(table: String? = nil, peer: String? = nil, open: Bool? = nil, limit: Int = 100) {
        self.table = table
        self.peer = peer
        self.open = open
        self.limit = limit
    }
}

extension NodeStore {
    public func conflicts(_ filter: ConflictFilter) throws -> [ConflictRecord] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let table = filter.table {
            conditions.append("tbl = ?")
            arguments.append(table)
        }
        if let peer = filter.peer {
            conditions.append("(local_origin = ? OR remote_origin = ?)")
            arguments += [peer, peer]
        }
        if let open = filter.open { conditions.append(open ? "resolved_at IS NULL" : "resolved_at IS NOT NULL") }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sync_conflicts \(whereClause) ORDER BY id LIMIT ?",
                arguments: StatementArguments(arguments + [filter.limit])
            ).map(Self.conflict)
        }
    }

    public func conflict(id: Int64) throws -> ConflictRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sync_conflicts WHERE id = ?", arguments: [id]).map(Self.conflict)
        }
    }

    /// Number of conflicts recorded, and how many are open.
    public func conflictCounts() throws -> (total: Int, open: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT count(*), coalesce(sum(resolved_at IS NULL), 0) FROM sync_conflicts")!
            return (row[0], row[1])
        }
    }

    static func conflict(_ row: Row) -> ConflictRecord {
        let decoder = JSONDecoder()
        func value(_ column: String) -> FieldValue {
            (row[column] as String?).flatMap { try? decoder.decode(FieldValue.self, from: Data($0.utf8)) } ?? .null
        }
        return ConflictRecord(
            id: row["id"], detectedAt: row["detected_at"], table: row["tbl"], key: row["row_key"], field: row["field"],
            localValue: value("local_value"),
            localVersion: FieldVersion(hlc: HLCTimestamp(rawValue: row["local_hlc"]), origin: row["local_origin"]),
            remoteValue: value("remote_value"),
            remoteVersion: FieldVersion(hlc: HLCTimestamp(rawValue: row["remote_hlc"]), origin: row["remote_origin"]),
            rule: row["rule"], winner: row["winner"], resolvedAt: row["resolved_at"], resolution: row["resolution"])
    }
}

extension NodeStore {
    /// Notes how a conflict was resolved here (the resolving write itself syncs like any write).
    public func noteResolution(conflict id: Int64, _ text: String) throws {
        try translatingErrors {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE sync_conflicts SET resolved_at = coalesce(resolved_at, ?), resolution = ? WHERE id = ?",
                    arguments: [ISO8601DateFormatter().string(from: Date()), text, id])
            }
        }
    }
}
