import CourtSyncModel

/// What a node says about itself when a peer connects.
public struct PeerHello: Sendable, Hashable, Codable {
    public var nodeID: String
    public var role: NodeRole
    public var schemaVersion: Int

    public init(nodeID: String, role: NodeRole, schemaVersion: Int) {
        self.nodeID = nodeID
        self.role = role
        self.schemaVersion = schemaVersion
    }
}

/// A peer's change feed as this node sees it. Replication needs only this; the transport
/// implements it over HTTPS, tests also in memory (``InMemoryPeerFeed``).
public protocol PeerFeed: Sendable {
    /// Who answers, and on which schema version.
    func hello() async throws -> PeerHello
    /// The next page of the peer's feed for this node: at most `limit` items after `cursor`.
    func pull(after cursor: Int64, limit: Int) async throws -> FeedPage
    /// Sends a page of this node's feed; the peer applies all of it or none (``RefusedBatch``).
    func push(_ page: FeedPage) async throws -> ApplySummary
}
