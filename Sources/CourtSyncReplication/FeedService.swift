import CourtSyncModel
import CourtSyncStore
import Logging

/// The serving side of sync, independent of HTTP: pages of this node's feed for a peer, and
/// pushed pages from a peer applied atomically. The HTTPS server and the in-memory feed both
/// call it.
public struct FeedService: Sendable {
    public let store: NodeStore
    public let peers: [PeerInfo]
    public let context: ValidationContext
    public let logger: Logger

    public init(store: NodeStore, peers: [PeerInfo], context: ValidationContext, logger: Logger) {
        self.store = store
        self.peers = peers
        self.context = context
        self.logger = logger
    }

    public var hello: PeerHello {
        PeerHello(nodeID: store.identity.nodeID, role: store.identity.role, schemaVersion: NodeStore.schemaVersion)
    }

    /// The peer entry of an authenticated node id, or nil when it is not a peer.
    public func peer(_ nodeID: String) -> PeerInfo? {
        peers.first { $0.nodeID == nodeID }
    }

    /// One page of this node's feed for `reader`.
    public func page(for reader: PeerInfo, after cursor: Int64, limit: Int) throws -> FeedPage {
        let builder = FeedBuilder(server: store.identity, reader: reader, peers: peers)
        return try store.snapshot { try builder.page($0, after: cursor, limit: limit) }
    }

    /// Applies a page pushed by `sender`, all or nothing.
    public func receive(_ page: FeedPage, from sender: PeerInfo) throws -> ApplySummary {
        let verifier = InboundVerifier(local: store.identity, peers: peers, context: context)
        do {
            let summary = try store.write { writer in try verifier.apply(page, from: sender, writer: writer) }
            logger.debug("push applied", metadata: [
                "peer": "\(sender.nodeID)", "items": "\(page.items.count)", "applied": "\(summary.applied)",
            ])
            return summary
        } catch let refused as RefusedBatch {
            logger.warning("push refused", metadata: ["peer": "\(sender.nodeID)", "reason": "\(refused.description)"])
            throw refused
        }
    }
}

/// A ``PeerFeed`` that calls another node's ``FeedService`` in the same process: for tests and
/// for checking replication without a network.
public struct InMemoryPeerFeed: PeerFeed {
    public let service: FeedService
    /// The node using this feed, as the serving node knows it.
    public let client: PeerInfo

    public init(service: FeedService, client: PeerInfo) {
        self.service = service
        self.client = client
    }

    public func hello() async throws -> PeerHello { service.hello }

    public func pull(after cursor: Int64, limit: Int) async throws -> FeedPage {
        try service.page(for: client, after: cursor, limit: limit)
    }

    public func push(_ page: FeedPage) async throws -> ApplySummary {
        try service.receive(page, from: client)
    }
}
