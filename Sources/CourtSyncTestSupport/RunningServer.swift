import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging
import ServiceLifecycle

/// A node's feed server running in this process on 127.0.0.1 and a port the system chose,
/// stopped through its service group.
public final class RunningServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    public init(
        store: NodeStore, identity: TLSIdentity, directory: PeerDirectory, logger: Logger = Logger(label: "test.serve"),
        reports: ReportRoutes = ReportRoutes(), port: Int = 0
    ) async throws {
        let service = FeedService(
            store: store, peers: directory.infos, context: ValidationContext(currentYear: 2025, strictLicences: false),
            logger: logger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = try FeedServer.application(
            service: service, identity: identity, directory: directory, host: "127.0.0.1", port: port, logger: logger,
            status: { try NodeStatus(store: store) }, reports: reports, onRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    /// Stops accepting connections, lets requests in flight finish, and waits.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

/// Nodes with their own certificates and peers/ that sync over real HTTPS on loopback.
public final class HTTPSFederation: Sendable {
    public let pki: TestPKI
    public let federation: TestFederation

    public init(_ ids: [String] = ["gd03", "gd0304", "gd0305", "szbar"]) throws {
        pki = try TestPKI()
        federation = try TestFederation(ids)
        for id in ids { try pki.issue(id) }
    }

    public func store(_ id: String) -> NodeStore { federation.store(id) }

    /// The peers/ of `id` with every other node, their URLs at the given ports.
    public func directory(of id: String, ports: [String: Int] = [:], pins: [String: String] = [:]) -> PeerDirectory {
        let entries = federation.peers(of: id).map { info in
            PeerEntry(
                nodeID: info.nodeID, role: info.role, courtCode: info.courtCode,
                url: URL(string: "https://\(info.nodeID).nodes.courtsync.test:\(ports[info.nodeID] ?? 1)")!,
                pin: pins[info.nodeID], relays: info.relays.sorted())
        }
        return PeerDirectory(peers: entries)
    }

    public func serve(_ id: String) async throws -> RunningServer {
        try await RunningServer(store: store(id), identity: try pki.identity(id), directory: directory(of: id))
    }

    /// A syncer for `id` whose peers are at the given ports on 127.0.0.1 (one network attempt per sync).
    public func syncer(
        of id: String, ports: [String: Int], connectTimeout: Duration = .seconds(10), logger: Logger
    ) throws -> PeerSyncer {
        let directory = directory(of: id, ports: ports)
        return try PeerSyncer(
            store: store(id), directory: directory, context: ValidationContext(currentYear: 2025, strictLicences: false),
            identity: try pki.identity(id),
            resolve: Dictionary(uniqueKeysWithValues: ports.keys.map { ("\($0).nodes.courtsync.test", "127.0.0.1") }),
            connectTimeout: connectTimeout, pageSize: 500, retry: RetryPolicy(attempts: 1), logger: logger)
    }

    /// `client` syncs with `server` (running on `port`) over HTTPS.
    @discardableResult
    public func sync(_ client: String, with server: String, port: Int, pageSize: Int = 500) async throws -> SyncSummary {
        let identity = try pki.identity(client)
        let directory = directory(of: client, ports: [server: port])
        let http = try HTTPSPeerFeed.makeClient(identity: identity, resolve: ["\(server).nodes.courtsync.test": "127.0.0.1"])
        do {
            var session = SyncSession(
                store: store(client), peer: directory.peer(server)!.info, peers: directory.infos,
                feed: HTTPSPeerFeed(client: http, peer: directory.peer(server)!),
                context: ValidationContext(currentYear: 2025, strictLicences: false))
            session.pageSize = pageSize
            let summary = try await session.run()
            try await http.shutdown()
            return summary
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}
