import CourtSyncModel
import Foundation
import GRDB

/// Where this node stands with one peer: cursors in both directions and the last sync result.
public struct PeerSyncState: Sendable, Hashable, Codable {
    public var peerID: String
    /// Position in the peer's change ordering up to which this node has applied the peer's feed.
    public var pullCursor: Int64
    /// Position in this node's ordering up to which the peer has acknowledged pushed changes.
    public var pushCursor: Int64
    public var lastAttemptAt: String?
    public var lastSuccessAt: String?
    /// JSON summary of the last result, as `courtsync status` shows it.
    public var lastResult: String?
}

extension NodeStore {
    /// The sync state with every peer this node has synced with.
    public func peerStates() throws -> [PeerSyncState] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sync_peers ORDER BY peer_id").map(Self.peerState)
        }
    }

    public func peerState(_ peerID: String) throws -> PeerSyncState {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sync_peers WHERE peer_id = ?", arguments: [peerID])
                .map(Self.peerState)
        } ?? PeerSyncState(peerID: peerID, pullCursor: 0, pushCursor: 0)
    }

    /// Records the peer's acknowledgement of pushed changes up to `position`.
    public func setPushCursor(_ position: Int64, peer: String) throws {
        try translatingErrors {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sync_peers (peer_id, push_cursor) VALUES (?, ?)
                        ON CONFLICT (peer_id) DO UPDATE SET push_cursor = max(push_cursor, excluded.push_cursor)
                        """,
                    arguments: [peer, position])
            }
        }
    }

    /// Records the outcome of a sync attempt with a peer.
    public func recordSyncResult(peer: String, at time: String, success: Bool, summaryJSON: String) throws {
        try translatingErrors {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO sync_peers (peer_id, last_attempt_at, last_success_at, last_result)
                        VALUES (?1, ?2, CASE WHEN ?3 THEN ?2 END, ?4)
                        ON CONFLICT (peer_id) DO UPDATE SET last_attempt_at = ?2,
                            last_success_at = CASE WHEN ?3 THEN ?2 ELSE last_success_at END, last_result = ?4
                        """,
                    arguments: [peer, time, success, summaryJSON])
            }
        }
    }

    static func peerState(_ row: Row) -> PeerSyncState {
        PeerSyncState(
            peerID: row["peer_id"], pullCursor: row["pull_cursor"], pushCursor: row["push_cursor"],
            lastAttemptAt: row["last_attempt_at"], lastSuccessAt: row["last_success_at"],
            lastResult: row["last_result"])
    }
}

extension ChangeWriter {
    /// Moves the pull cursor for a peer, in this transaction: the cursor and the changes it covers
    /// commit together or not at all.
    public func setPullCursor(_ position: Int64, peer: String) throws {
        try db.execute(
            sql: """
                INSERT INTO sync_peers (peer_id, pull_cursor) VALUES (?, ?)
                ON CONFLICT (peer_id) DO UPDATE SET pull_cursor = excluded.pull_cursor
                """,
            arguments: [peer, position])
    }

    /// The case a stored row belongs to (for authority checks on incoming changes).
    public func caseNumber(table tableName: String, key: String) throws -> String? {
        guard let table = Catalog.table(named: tableName), table.caseColumn != nil else { return nil }
        guard let row = try currentRow(table, key, mask: Self.caseBit(table)) else { return nil }
        return Self.caseNumber(table, row.values, row)
    }
}
