import AsyncHTTPClient
import CourtSyncModel
import CourtSyncReplication
import CourtSyncStore
import Foundation
import Logging

/// How one sync with one peer ended.
public enum PeerOutcome: Sendable {
    case synced(SyncSummary)
    /// `transient` failures (the network) may succeed later; the others (a refused certificate,
    /// a refused batch, another schema) need an operator.
    case failed(reason: String, transient: Bool)

    public var succeeded: Bool {
        if case .synced = self { true } else { false }
    }
}

/// Syncs this node with one peer over HTTPS and records the outcome in the store: what both
/// `courtsync sync` and the schedule of `courtsync serve` do for each peer.
public struct PeerSyncer: Sendable {
    public let store: NodeStore
    public let directory: PeerDirectory
    public let context: ValidationContext
    public let client: HTTPClient
    public var pageSize: Int
    public var retry: RetryPolicy
    public var logger: Logger

    /// A syncer with its own HTTPS client (mutual TLS with `identity`); call ``shutdown()`` when done.
    public init(
        store: NodeStore, directory: PeerDirectory, context: ValidationContext, identity: TLSIdentity,
        resolve: [String: String] = [:], connectTimeout: Duration = .seconds(10), pageSize: Int, retry: RetryPolicy,
        logger: Logger
    ) throws {
        self.store = store
        self.directory = directory
        self.context = context
        self.client = try HTTPSPeerFeed.makeClient(
            identity: identity, resolve: resolve,
            connectTimeout: .milliseconds(Int64(connectTimeout.components.seconds) * 1000
                + connectTimeout.components.attoseconds / 1_000_000_000_000_000))
        self.pageSize = pageSize
        self.retry = retry
        self.logger = logger
    }

    /// Closes the HTTPS client's connections.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Pushes and pulls with `peer`, retrying network failures by the retry policy, and records
    /// the result (time, counts or error) where `courtsync status` and `/v1/status` read it.
    public func sync(
        _ peer: PeerEntry,
        progress: (@Sendable (SyncProgress) -> Void)? = nil,
        onRetry: @escaping @Sendable (Int, any Error, Duration) -> Void = { _, _, _ in }
    ) async -> PeerOutcome {
        var session = SyncSession(
            store: store, peer: peer.info, peers: directory.infos,
            feed: HTTPSPeerFeed(client: client, peer: peer), context: context, logger: logger)
        session.pageSize = pageSize
        let started = StatusTime.text(Date())
        let outcome: PeerOutcome
        do {
            outcome = .synced(try await retry.run(onRetry: onRetry) { try await session.run(progress: progress) })
        } catch {
            // Stopped by a shutdown: not the peer's failure; the last result stays as it was.
            if Task.isCancelled { return .failed(reason: "interrupted by shutdown", transient: true) }
            outcome = .failed(reason: "\(error)", transient: (error as? any TransientCapable)?.isTransient ?? false)
        }
        do {
            let json: Data
            switch outcome {
            case .synced(let summary): json = try JSONEncoder().encode(summary)
            case .failed(let reason, _): json = try JSONEncoder().encode(["error": reason])
            }
            try store.recordSyncResult(
                peer: peer.nodeID, at: started, success: outcome.succeeded, summaryJSON: String(decoding: json, as: UTF8.self))
        } catch {
            logger.error("cannot record the sync result", metadata: ["peer": "\(peer.nodeID)", "error": "\(error)"])
        }
        return outcome
    }
}
