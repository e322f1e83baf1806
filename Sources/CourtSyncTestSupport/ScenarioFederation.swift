import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Logging

/// One node of a ``ScenarioFederation``: a database file, its own manual wall clock, and the
/// store currently open on it (replaced when the node restarts).
public final class ScenarioNode {
    public let id: String
    public let info: PeerInfo
    public let clock: ManualClock
    let node: TestNode
    public private(set) var store: NodeStore

    init(_ id: String, clock: ManualClock) throws {
        self.id = id
        self.info = TestFederation.info(id)
        self.clock = clock
        node = try TestNode(id, role: info.role, court: info.courtCode, clock: clock)
        store = node.store
    }

    /// Opens the database again from its file, as a restarted process would.
    public func restart() throws {
        store = try node.reopen(clock: clock)
    }
}

/// Nodes with deterministic clocks that sync through in-memory feeds (the real ``FeedService``,
/// ``SyncSession`` and ``InboundVerifier``), optionally through a ``FaultyPeerFeed``.
public final class ScenarioFederation {
    public let ids: [String]
    public let nodes: [String: ScenarioNode]
    static let context = ValidationContext(currentYear: 2025)
    static let quiet = Logger(label: "courtsync.scenario") { _ in SwiftLogNoOpLogHandler() }

    /// `clocks` gives each node's wall clock; keep them within the drift bound of each other.
    public init(_ ids: [String], clocks: [String: ManualClock]) throws {
        self.ids = ids.sorted()
        var nodes: [String: ScenarioNode] = [:]
        for id in ids { nodes[id] = try ScenarioNode(id, clock: clocks[id] ?? ManualClock()) }
        self.nodes = nodes
    }

    public subscript(id: String) -> ScenarioNode { nodes[id]! }

    public func store(_ id: String) -> NodeStore { nodes[id]!.store }

    /// The peers `id` knows: every other node of the federation.
    public func peers(of id: String) -> [PeerInfo] {
        ids.filter { $0 != id }.map { nodes[$0]!.info }
    }

    /// Whether two nodes sync with each other: district↔intermediate, district↔bar, intermediate↔bar.
    public func connected(_ a: String, _ b: String) -> Bool {
        guard a != b, let ra = nodes[a]?.info.role, let rb = nodes[b]?.info.role else { return false }
        return !(ra == .district && rb == .district)
    }

    /// Every connected pair, each once, in a fixed order.
    public var links: [(String, String)] {
        var result: [(String, String)] = []
        for (i, a) in ids.enumerated() {
            for b in ids[(i + 1)...] where connected(a, b) { result.append((a, b)) }
        }
        return result
    }

    public func service(_ id: String) -> FeedService {
        FeedService(store: store(id), peers: peers(of: id), context: Self.context, logger: Self.quiet)
    }

    /// A feed from `client` to `server` that injects `fault`.
    public func feed(_ client: String, with server: String, fault: PeerFeedFault = .none) -> FaultyPeerFeed {
        let inner = InMemoryPeerFeed(service: service(server), client: nodes[client]!.info)
        return FaultyPeerFeed(inner, fault: fault, clientID: client, serverID: server)
    }

    /// `client` syncs with `server` (pull, then push) in pages of `pageSize` items.
    @discardableResult
    public func sync(
        _ client: String, with server: String, pageSize: Int = 500, feed: FaultyPeerFeed? = nil
    ) async throws -> SyncSummary {
        var session = SyncSession(
            store: store(client), peer: nodes[server]!.info, peers: peers(of: client),
            feed: feed ?? self.feed(client, with: server), context: Self.context, logger: Self.quiet)
        session.pageSize = pageSize
        return try await session.run()
    }
}
