import CourtSyncModel
import CourtSyncStore

/// What `GET /v1/status` and `courtsync status` report.
public struct NodeStatus: Sendable, Codable, Hashable {
    public var nodeID: String
    public var role: NodeRole
    public var court: String?
    public var schemaVersion: Int
    public var clock: HLCTimestamp
    public var changes: Int
    public var localChanges: Int
    public var peers: [PeerSyncState]

    enum CodingKeys: String, CodingKey {
        case nodeID = "node_id"
        case role, court
        case schemaVersion = "schema_version"
        case clock, changes
        case localChanges = "local_changes"
        case peers
    }

    /// The status of a node's store.
    public init(store: NodeStore) throws {
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
        peers = try store.peerStates()
    }
}
