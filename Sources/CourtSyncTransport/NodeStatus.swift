import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Foundation

/// What `GET /v1/status` and `courtsync status` report.
public struct NodeStatus: Sendable, Codable, Hashable {
    public var nodeID: String
    public var role: NodeRole
    public var court: String?
    public var schemaVersion: Int
    public var clock: HLCTimestamp
    public var changes: Int
    public var localChanges: Int
    /// The sync schedule, when known (always from `serve`; from the configuration for `status`).
    public var schedule: ScheduleStatus?
    public var peers: [PeerStatus]

    enum CodingKeys: String, CodingKey {
        case nodeID = "node_id"
        case role, court
        case schemaVersion = "schema_version"
        case clock, changes
        case localChanges = "local_changes"
        case schedule, peers
    }

    /// The status of a node's store, with the schedule if one is given.
    public init(store: NodeStore, schedule: ScheduleStatus? = nil) throws {
        let identity = store.identity
        let (clock, _) = try store.clockState()
        let counts = try store.changeCounts()
        nodeID = identity.nodeID
        role = identity.role
        court = identity.courtCode
        schemaVersion = NodeStore.schemaVersion
        self.clock = clock
        changes = counts.total
        localChanges = counts.local
        self.schedule = schedule
        peers = try store.peerStates().map(PeerStatus.init)
    }
}

/// The part of a status a syncing peer needs: who answered and which schema it speaks. Decoded
/// on its own so that a peer with more (or fewer) status fields still syncs.
struct NodeHello: Decodable {
    var nodeID: String
    var role: NodeRole
    var schemaVersion: Int

    enum CodingKeys: String, CodingKey {
        case nodeID = "node_id"
        case role
        case schemaVersion = "schema_version"
    }
}

/// The sync schedule as a status shows it.
public struct ScheduleStatus: Sendable, Codable, Hashable {
    /// The schedule in words, e.g. `daily at 02:00 Asia/Shanghai, …`.
    public var summary: String
    /// When the next round is due (ISO 8601), before its random delay; `nil` when none is scheduled.
    public var nextRoundAt: String?
    /// When the last round of this process started, if any.
    public var lastRoundAt: String?

    enum CodingKeys: String, CodingKey {
        case summary
        case nextRoundAt = "next_round_at"
        case lastRoundAt = "last_round_at"
    }

    public init(schedule: SyncSchedule, now: Date = Date(), nextRound: Date? = nil, lastRound: Date? = nil) {
        summary = schedule.summary
        nextRoundAt = (nextRound ?? schedule.nextStart(after: now)).map { StatusTime.text($0, zone: schedule.timeZone) }
        lastRoundAt = lastRound.map { StatusTime.text($0, zone: schedule.timeZone) }
    }
}

/// One peer's cursors and the outcome of the last sync with it.
public struct PeerStatus: Sendable, Codable, Hashable {
    public var peerID: String
    public var pullCursor: Int64
    public var pushCursor: Int64
    public var lastAttemptAt: String?
    public var lastSuccessAt: String?
    /// Changes pushed and pulled, and conflicts recorded, by the last attempt (when it succeeded).
    public var pushed: Int?
    public var pulled: Int?
    public var conflicts: Int?
    /// Why the last attempt failed; `nil` when it succeeded.
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case peerID = "peer_id"
        case pullCursor = "pull_cursor"
        case pushCursor = "push_cursor"
        case lastAttemptAt = "last_attempt_at"
        case lastSuccessAt = "last_success_at"
        case pushed, pulled, conflicts, error
    }

    init(_ state: PeerSyncState) {
        peerID = state.peerID
        pullCursor = state.pullCursor
        pushCursor = state.pushCursor
        lastAttemptAt = state.lastAttemptAt
        lastSuccessAt = state.lastSuccessAt
        let data = Data((state.lastResult ?? "").utf8)
        if let summary = try? JSONDecoder().decode(SyncSummary.self, from: data) {
            pushed = summary.pushed
            pulled = summary.pulled
            conflicts = summary.applied.conflicts
        } else if let failure = try? JSONDecoder().decode([String: String].self, from: data) {
            error = failure["error"]
        }
    }

    /// One line for a terminal: `ok: pushed 3, pulled 120, conflicts 0` or `failed: reason`.
    public var resultText: String {
        if let error { return "failed: \(error)" }
        guard let pushed, let pulled else { return "-" }
        return "ok: pushed \(pushed), pulled \(pulled), conflicts \(conflicts ?? 0)"
    }
}

/// Times in statuses and sync records: ISO 8601 with the offset of the node's time zone.
public enum StatusTime {
    public static func text(_ date: Date, zone: TimeZone = SyncSchedule.defaultTimeZone) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
