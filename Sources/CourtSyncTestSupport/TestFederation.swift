import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Logging

/// Nodes in temporary directories that sync through in-memory feeds: the replication logic
/// without the network (the HTTPS transport runs the same suites in its own tests).
public final class TestFederation: Sendable {
    public let nodes: [String: TestNode]
    public let infos: [String: PeerInfo]

    /// Default: the intermediate court gd03 (relays the bar's registry), districts gd0304 and
    /// gd0305, and the bar association szbar.
    public init(_ ids: [String] = ["gd03", "gd0304", "gd0305", "szbar"]) throws {
        var nodes: [String: TestNode] = [:]
        var infos: [String: PeerInfo] = [:]
        for id in ids {
            let info = Self.info(id)
            nodes[id] = try TestNode(id, role: info.role, court: info.courtCode)
            infos[id] = info
        }
        self.nodes = nodes
        self.infos = infos
    }

    static func info(_ id: String) -> PeerInfo {
        switch id {
        case "szbar": PeerInfo(nodeID: id, role: .bar, courtCode: nil)
        case "gd03": PeerInfo(nodeID: id, role: .intermediate, courtCode: "粤03", relays: ["szbar"])
        default: PeerInfo(nodeID: id, role: .district, courtCode: "粤" + id.dropFirst(2))
        }
    }

    public func store(_ id: String) -> NodeStore { nodes[id]!.store }

    /// The peers `id` knows: every other node.
    public func peers(of id: String) -> [PeerInfo] {
        infos.values.filter { $0.nodeID != id }.sorted { $0.nodeID < $1.nodeID }
    }

    public func service(_ id: String) -> FeedService {
        FeedService(
            store: store(id), peers: peers(of: id), context: ValidationContext(currentYear: 2025),
            logger: Logger(label: "test"))
    }

    /// `client` syncs with `server`: pulls, then pushes.
    @discardableResult
    public func sync(_ client: String, with server: String, pageSize: Int = 500) async throws -> SyncSummary {
        let feed = InMemoryPeerFeed(service: service(server), client: infos[client]!)
        var session = SyncSession(
            store: store(client), peer: infos[server]!, peers: peers(of: client), feed: feed,
            context: ValidationContext(currentYear: 2025))
        session.pageSize = pageSize
        return try await session.run()
    }
}
