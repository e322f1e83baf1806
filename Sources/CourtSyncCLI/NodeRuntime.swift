import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import CourtSyncTransport
import Foundation
import Logging

/// What `serve` and `sync` need, loaded and checked from a node's data directory: the store, the
/// configuration, the TLS identity and the peers.
struct NodeRuntime {
    let options: NodeOptions
    let store: NodeStore
    let config: NodeConfig
    let identity: TLSIdentity
    let directory: PeerDirectory
    let context: ValidationContext

    init(_ options: NodeOptions, logger: Logger) throws {
        self.options = options
        let dataDirectory = options.resolvedDataDirectory
        store = try options.openStore()
        config = try NodeConfig.load(dataDirectory: dataDirectory)
        func path(_ p: String) -> String { NodeConfig.resolvePath(p, dataDirectory: dataDirectory) }
        do {
            identity = try TLSIdentity(
                certificatePath: path(config.certificate), keyPath: path(config.key), caPath: path(config.ca))
        } catch {
            throw CLIFailure(
                "TLS identity: \(error)",
                hint: "issue this node's certificate with `courtsync certs issue` and set tls: in \(NodeConfig.fileName)")
        }
        guard identity.nodeID == store.identity.nodeID else {
            throw CLIFailure(
                "the certificate is for node \(identity.nodeID) but this node is \(store.identity.nodeID)",
                hint: "check tls.certificate in \(NodeConfig.fileName)")
        }
        context = try options.context(strictLicences: false)
        let peersPath = path(config.peers)
        guard FileManager.default.fileExists(atPath: peersPath) else {
            throw CLIFailure("no peers directory at \(peersPath)", hint: "create it with one YAML file per peer (see peers/README.md)")
        }
        directory = try PeerDirectory.load(directory: URL(fileURLWithPath: peersPath), reference: context.reference)
        if directory.peer(store.identity.nodeID) != nil {
            throw CLIFailure(
                "peers/ lists this node itself (\(store.identity.nodeID))", hint: "peers/ holds the other nodes only")
        }
        _ = logger
    }

    /// Syncs with peers as configured: page size and network retries from courtsync.yaml.
    func syncer(logger: Logger) throws -> PeerSyncer {
        try PeerSyncer(
            store: store, directory: directory, context: context, identity: identity, resolve: config.resolve,
            pageSize: config.pageSize, retry: RetryPolicy(attempts: config.retries), logger: logger)
    }

    func service(logger: Logger) -> FeedService {
        FeedService(store: store, peers: directory.infos, context: context, logger: logger)
    }
}
